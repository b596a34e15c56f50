package dev.hasten.samples.custom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/** The runtime half of {@link MirrorImages}: one mask per batch, applied on the device. */
public final class MirrorImagesMethod implements BatchTransform {
  private final double probability;

  public MirrorImagesMethod(MirrorImages config) {
    this(config.probability());
  }

  public MirrorImagesMethod(double probability) {
    this.probability = probability;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    int batch = (int) x.getShape().get(0);
    Random random = step.random("mirror-images");
    float[] mask = new float[batch];
    for (int i = 0; i < batch; i++) {
      mask[i] = random.nextDouble() < probability ? 1f : 0f;
    }
    // x·(1 − m) + flip(x)·m, with m broadcast over channels and pixels.
    NDArray m = step.manager().create(mask, new Shape(batch, 1, 1, 1));
    NDArray flipped = x.flip(3);
    step.setInputs(x.add(flipped.sub(x).mul(m)));
  }
}
