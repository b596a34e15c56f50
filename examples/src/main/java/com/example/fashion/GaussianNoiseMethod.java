package com.example.fashion;

import ai.djl.ndarray.NDArray;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/** The runtime half of {@link GaussianNoise}: {@code x + std · N(0, 1)}, drawn per step. */
public final class GaussianNoiseMethod implements BatchTransform {
  private final double std;

  public GaussianNoiseMethod(GaussianNoise config) {
    this(config.std());
  }

  public GaussianNoiseMethod(double std) {
    this.std = std;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    // The step's own random source: the same noise when a run resumes from a checkpoint.
    Random random = step.random("gaussian-noise");
    float[] noise = new float[Math.toIntExact(x.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (std * random.nextGaussian());
    }
    step.setInputs(x.add(step.manager().create(noise, x.getShape())));
  }
}
