package dev.hasten.runtime.loop;

import dev.hasten.runtime.InvalidInputException;

/**
 * The training loss became NaN or infinite. Reported like bad input (one line, exit status 2):
 * the usual cause is a setting the user chose, such as too high a learning rate.
 */
public final class TrainingDivergedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(long step, double loss) {
    super(
        "training diverged: the mean training loss up to step "
            + step
            + " is "
            + loss
            + "; lower the learning rate or check the data");
  }
}
