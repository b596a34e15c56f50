package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.speedup.HorizontalFlip;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/**
 * {@link HorizontalFlip}: example {@code i} of a batch is mirrored (its width axis reversed) when
 * the {@code i}-th draw of {@code step.random("horizontal-flip")} is below the probability. The
 * draws are a function of the seed and the step, so a resumed run flips exactly what the
 * uninterrupted one did; the flip itself runs on the device: one mask upload and a select.
 */
public final class HorizontalFlipMethod implements BatchTransform {
  private final double probability;

  /** From the pipeline's annotation. */
  public HorizontalFlipMethod(HorizontalFlip config) {
    this(config.probability());
  }

  /**
   * @param probability the chance an image is mirrored, in (0, 1]
   */
  public HorizontalFlipMethod(double probability) {
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "HorizontalFlip probability must be in (0, 1], got " + probability);
    }
    this.probability = probability;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    boolean[] flip = draws(step, Math.toIntExact(x.getShape().get(0)), probability);
    // A select, not x + m·(flip(x) − x): that would round the kept pixels.
    NDArray mask =
        step.manager().create(flip, new Shape(flip.length, 1, 1, 1)).broadcast(x.getShape());
    step.setInputs(NDArrays.where(mask, x.flip(3), x));
  }

  /** Which examples of a batch of {@code batch} this step mirrors. */
  static boolean[] draws(Step step, int batch, double probability) {
    Random random = step.random("horizontal-flip");
    boolean[] flip = new boolean[batch];
    for (int i = 0; i < batch; i++) {
      flip[i] = random.nextDouble() < probability;
    }
    return flip;
  }
}
