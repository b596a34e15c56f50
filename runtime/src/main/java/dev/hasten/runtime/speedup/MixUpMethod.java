package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/**
 * {@link MixUp} (Zhang et al. 2018): each batch becomes {@code λ·x + (1 − λ)·x[perm]}, and its
 * targets {@code λ·t + (1 − λ)·t[perm]}, with one {@code λ ~ Beta(α, α)} and one random permutation
 * per batch. Composer mixes the targets too, by default; its {@code interpolate_loss} mixes two
 * losses instead, which for the cross-entropy, linear in the targets, is the same loss with the
 * same gradient, so Hasten does not offer it. Label smoothing commutes with the mix, so the two may
 * run in either order ({@code TargetMixingLinearityTest} pins both).
 *
 * <p>Per step: one permutation upload and eight tensor operations on the device; λ and the
 * permutation come from {@code step.random("mixup")}.
 */
public final class MixUpMethod implements BatchTransform {
  private final BetaDistribution mixing;

  /** From the pipeline's annotation. */
  public MixUpMethod(MixUp config) {
    this(config.alpha());
  }

  /**
   * @param alpha the concentration of the Beta distribution λ is drawn from, > 0
   */
  public MixUpMethod(double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("MixUp alpha must be > 0, got " + alpha);
    }
    this.mixing = BetaDistribution.symmetric(alpha);
  }

  public double alpha() {
    return mixing.alpha();
  }

  @Override
  public void transformBatch(Step step) {
    Random random = step.random("mixup");
    double lambda = mixing.sample(random);
    int batch = Math.toIntExact(step.inputs().getShape().get(0));
    NDArray perm = Mixing.randomPermutation(step.manager(), random, batch);
    step.setInputs(mix(step.inputs(), lambda, perm));
    step.setTargets(mix(step.targets(), lambda, perm));
  }

  /**
   * {@code λ·a + (1 − λ)·a[perm]} along the batch axis, for the inputs and the targets alike: a new
   * array in {@code a}'s manager.
   *
   * @param perm int64 indices into the batch, one per example
   */
  public static NDArray mix(NDArray a, double lambda, NDArray perm) {
    return Mixing.mix(a, lambda, perm);
  }
}
