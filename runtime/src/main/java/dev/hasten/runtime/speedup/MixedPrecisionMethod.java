package dev.hasten.runtime.speedup;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.MixedPrecision;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.loop.stage.GradientTransform;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.loop.stage.StepRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MixedPrecision}: FP16 compute, FP32 master weights, dynamic loss scaling. What runs where:
 *
 * <ul>
 *   <li>MODEL_SURGERY wraps the model in a {@link HalfPrecisionBlock}: convolutions and linear
 *       layers compute in FP16 from FP16 copies of the FP32 weights, BatchNorm takes FP16 input
 *       with FP32 parameters and statistics, the logits come back FP32, and the backward pass
 *       carries gradients multiplied by the loss scale into the FP16 copies. The model's parameters
 *       stay FP32: the optimizer, Ema, Swa and checkpoints see only FP32 masters.
 *   <li>FIT_START stops the run unless it is on a GPU: DJL runs FP16 on the CPU only as slow pure
 *       FP16, so there is nothing to gain there.
 *   <li>GRADIENTS moves the FP16 copies' gradients onto the masters (cast to FP32), divides the
 *       scale out of every gradient, then checks them all for overflow (one read back to the host
 *       per step, as GradScaler's); overflowed gradients are zeroed, so the transforms after this
 *       one (clipping) see no infinities. It must run first in its stage, which the processor
 *       guarantees by placing CHEAPER_STEPS speedups first.
 *   <li>STEP applies the optimizer step unless the gradients overflowed, and updates the scale
 *       ({@link LossScaler}).
 * </ul>
 *
 * <p>Not covered, for want of DJL support: ops that autocast would force to FP32 (softmax, norms
 * inside the model) run in FP16 here if a model computes them inside; the models of this project
 * compute their loss outside the model, in FP32.
 */
public final class MixedPrecisionMethod
    implements ModelSurgery, FitStartHook, GradientTransform, StepRule, Stateful {
  private final LossScaler scaler;
  private HalfPrecisionBlock halfPrecision;
  private boolean overflowed;

  /** From the pipeline's annotation. */
  public MixedPrecisionMethod(MixedPrecision config) {
    this(
        new LossScaler(
            config.initialLossScale(),
            config.growthFactor(),
            config.backoffFactor(),
            config.growthInterval()));
  }

  public MixedPrecisionMethod(LossScaler scaler) {
    this.scaler = scaler;
  }

  public LossScaler scaler() {
    return scaler;
  }

  @Override
  public Block apply(Block model, RunSpec spec) {
    halfPrecision = new HalfPrecisionBlock(model, scaler::scale);
    return halfPrecision;
  }

  @Override
  public void onFitStart(Run run) {
    requireGpu(run.device());
  }

  /**
   * @throws InvalidInputException on any device but a GPU, with a one-line message that says why
   *     and what to do
   */
  static void requireGpu(Device device) {
    GpuOnly.require(
        device, "@MixedPrecision", "DJL computes FP16 on the CPU only as slow pure FP16");
  }

  @Override
  public void transformGradients(Step step) {
    if (halfPrecision == null) {
      throw new IllegalStateException("MODEL_SURGERY did not run: the model is not in FP16");
    }
    try (NDManager scratch = step.manager().newSubManager()) {
      halfPrecision.transferGradients(scratch);
    }
    overflowed = unscale(step.model(), scaler.scale(), step.manager());
  }

  /**
   * Divides every gradient of {@code model} by {@code scale} in place and reports whether any is
   * not finite; if so, zeroes them all.
   */
  static boolean unscale(Block model, double scale, NDManager parent) {
    try (NDManager scratch = parent.newSubManager()) {
      List<Gradients.Entry> entries = Gradients.of(model, scratch);
      if (entries.isEmpty()) {
        return false;
      }
      NDArray total = null;
      for (Gradients.Entry e : entries) {
        NDArray g = e.gradient().muli(1 / scale);
        NDArray sum = g.sum();
        total = total == null ? sum : total.addi(sum);
      }
      // A NaN or an infinity anywhere makes the sum non-finite; finite gradients this large
      // (over 3e38 in total) do not occur once unscaled.
      boolean overflow = !Float.isFinite(total.getFloat());
      if (overflow) {
        for (Gradients.Entry e : entries) {
          Gradients.zero(e);
        }
      }
      return overflow;
    }
  }

  @Override
  public void step(Run run, Step step) {
    if (scaler.update(overflowed)) {
      run.optimizerStep(step);
    }
    overflowed = false;
  }

  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    Map<String, NDArray> state = new LinkedHashMap<>();
    state.put("lossScale", into.create(scaler.scale()));
    state.put("cleanSteps", into.create((long) scaler.cleanSteps()));
    return state;
  }

  @Override
  public void loadState(Block model, Map<String, NDArray> state) {
    NDArray scale = state.get("lossScale");
    NDArray clean = state.get("cleanSteps");
    if (scale == null || clean == null) {
      throw new InvalidInputException(
          "the checkpoint has no loss-scaler state: it belongs to another pipeline");
    }
    scaler.restore(scale.getDouble(), (int) clean.getLong());
  }
}
