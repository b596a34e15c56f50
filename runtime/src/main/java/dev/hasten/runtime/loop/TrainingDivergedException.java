package dev.hasten.runtime.loop;

import dev.hasten.runtime.InvalidInputException;

/**
 * The training loss became NaN or infinite. Reported like bad input (one line, exit status 2): the
 * usual cause is a setting the user chose, such as too high a learning rate. No checkpoint is
 * written after it, so the newest checkpoint is the last good one.
 */
public final class TrainingDivergedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** The loss was finite before step {@code firstStep} and not finite by step {@code lastStep}. */
  public TrainingDivergedException(long firstStep, long lastStep, double loss) {
    super(
        "training diverged: the training loss became "
            + loss
            + (firstStep == lastStep
                ? " at step " + lastStep
                : " between steps " + firstStep + " and " + lastStep)
            + "; the last good checkpoint is kept. Lower the learning rate or check the data");
  }
}
