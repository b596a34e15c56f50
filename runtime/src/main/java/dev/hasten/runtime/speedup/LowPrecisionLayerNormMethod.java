package dev.hasten.runtime.speedup;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import dev.hasten.dsl.speedup.LowPrecisionLayerNorm;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.HalfPrecisionLayerNorm;

/**
 * {@link LowPrecisionLayerNorm} (as Composer's {@code apply_low_precision_layernorm}): before
 * initialisation, every DJL {@link LayerNorm} becomes a {@link HalfPrecisionLayerNorm} around it,
 * which computes it in FP16. FIT_START stops the run unless it is on a GPU, as {@code
 * MixedPrecision} does.
 *
 * <p>Where it deliberately differs from Composer: Composer's layer norm is low-precision only
 * inside autocast (mixed precision), and without it the method does nothing. DJL has no autocast,
 * so here each layer norm casts its own input and parameters to FP16 and its result back to the
 * input's type: alone, the layer norms compute in FP16 in an FP32 model; beside
 * {@code @MixedPrecision}, whose FP16 model would hand the layer norms FP32 parameters, they
 * compute wholly in FP16, which is Composer's case. Only FP16: DJL 0.36 cannot cast to BF16 here
 * (libtorch aborts), so Composer's BF16 autocast has no counterpart.
 */
public final class LowPrecisionLayerNormMethod implements ModelSurgery, FitStartHook {
  /** From the pipeline's annotation, which has no values. */
  public LowPrecisionLayerNormMethod(LowPrecisionLayerNorm config) {}

  public LowPrecisionLayerNormMethod() {}

  /**
   * @throws InvalidInputException if the model has no LayerNorm to rewrite
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    return BlockRewriter.replaceEvery(
        model,
        "@LowPrecisionLayerNorm",
        block -> block instanceof LayerNorm,
        block -> new HalfPrecisionLayerNorm((LayerNorm) block),
        "@LowPrecisionLayerNorm found no LayerNorm layer to rewrite; remove it or add LayerNorm");
  }

  @Override
  public void onFitStart(Run run) {
    requireGpu(run.device());
  }

  /**
   * @throws InvalidInputException on any device but a GPU, as {@code @MixedPrecision}'s check
   */
  static void requireGpu(Device device) {
    GpuOnly.require(
        device,
        "@LowPrecisionLayerNorm",
        "the CPU computes FP16 no faster than FP32, so the casts would only cost time");
  }
}
