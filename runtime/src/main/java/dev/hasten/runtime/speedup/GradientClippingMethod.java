package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import dev.hasten.dsl.ClippingType;
import dev.hasten.dsl.speedup.GradientClipping;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.GradientTransform;
import java.util.List;

/**
 * {@link GradientClipping}: bounds the gradients in place after backward, before the update.
 *
 * <ul>
 *   <li>NORM, as PyTorch's {@code clip_grad_norm_}: with {@code N = sqrt(Σ‖g‖²)} over all
 *       parameters, every gradient is multiplied by {@code min(1, t / (N + 1e-6))}.
 *   <li>VALUE, as {@code clip_grad_value_}: every element is clamped into {@code [−t, t]}.
 *   <li>ADAPTIVE (AGC, Brock et al., 2021): for each unit {@code u} of a parameter (the whole of a
 *       0- or 1-dimensional one; a row of a Linear weight; an output channel of a convolution),
 *       {@code g_u ← g_u · min(1, t · max(‖w_u‖, 1e-3) / max(‖g_u‖, 1e-6))}. Composer leaves out
 *       the {@code 1e-3} floor, which freezes any parameter that starts at zero (biases): its
 *       gradient is multiplied by 0 for ever. The floor is the paper's.
 * </ul>
 *
 * Everything stays on the device: nothing is read back to the host.
 */
public final class GradientClippingMethod implements GradientTransform {
  static final double NORM_EPSILON = 1e-6;
  static final double WEIGHT_NORM_FLOOR = 1e-3;
  static final double GRADIENT_NORM_FLOOR = 1e-6;

  private final ClippingType type;
  private final double threshold;

  /** From the pipeline's annotation. */
  public GradientClippingMethod(GradientClipping config) {
    this(config.clippingType(), config.clippingThreshold());
  }

  /**
   * @param threshold above 0: a norm, a value, or a gradient-to-weight norm ratio
   */
  public GradientClippingMethod(ClippingType type, double threshold) {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("clipping threshold must be above 0, got " + threshold);
    }
    this.type = type;
    this.threshold = threshold;
  }

  public ClippingType type() {
    return type;
  }

  public double threshold() {
    return threshold;
  }

  @Override
  public void transformGradients(Step step) {
    clip(step.model(), step.manager());
  }

  /**
   * Clips the gradients of {@code model}'s parameters in place; temporaries go with a sub-manager.
   */
  public void clip(Block model, NDManager parent) {
    try (NDManager scratch = parent.newSubManager()) {
      List<Gradients.Entry> entries = Gradients.of(model, scratch);
      if (entries.isEmpty()) {
        return;
      }
      switch (type) {
        case NORM:
          clipByNorm(entries);
          break;
        case VALUE:
          clipByValue(entries);
          break;
        case ADAPTIVE:
          clipAdaptively(entries);
          break;
        default:
          throw new IllegalStateException("unknown clipping type " + type);
      }
    }
  }

  private void clipByNorm(List<Gradients.Entry> entries) {
    NDArray coefficient =
        Gradients.globalNorm(entries).addi(NORM_EPSILON).pow(-1).muli(threshold).minimum(1.0);
    for (Gradients.Entry e : entries) {
      e.gradient().muli(coefficient);
    }
  }

  private void clipByValue(List<Gradients.Entry> entries) {
    for (Gradients.Entry e : entries) {
      NDArray g = e.gradient();
      if (g.getShape().dimension() == 0) {
        continue; // cannot be written through an index; no model here has 0-d parameters
      }
      g.set(new NDIndex(":"), g.clip(-threshold, threshold));
    }
  }

  private void clipAdaptively(List<Gradients.Entry> entries) {
    for (Gradients.Entry e : entries) {
      NDArray g = e.gradient();
      NDArray weightNorm = unitNorm(e.weight(), g.getManager()).maximum(WEIGHT_NORM_FLOOR);
      NDArray gradientNorm = unitNorm(g, g.getManager()).maximum(GRADIENT_NORM_FLOOR);
      NDArray coefficient = weightNorm.muli(threshold).divi(gradientNorm).minimum(1.0);
      g.muli(coefficient);
    }
  }

  /**
   * The L2 norm of each unit: over everything for a 0- or 1-dimensional array, else over every axis
   * but the first, kept as size-1 axes so that it broadcasts against the array. Owned by {@code
   * scratch}, whatever manager {@code array} belongs to (a weight's is the model's).
   */
  static NDArray unitNorm(NDArray array, NDManager scratch) {
    NDArray squares = array.square();
    squares.attach(scratch);
    int dims = array.getShape().dimension();
    if (dims <= 1) {
      return squares.sum().sqrt();
    }
    int[] axes = new int[dims - 1];
    for (int i = 1; i < dims; i++) {
      axes[i - 1] = i;
    }
    return squares.sum(axes, true).sqrt();
  }
}
