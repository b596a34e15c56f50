package dev.hasten.dsl;

/** How {@code @GradientClipping} bounds the gradients (Composer's {@code clipping_type}). */
public enum ClippingType {
  /** Scales all gradients together so that their global L2 norm is at most the threshold. */
  NORM,
  /** Clamps every gradient element into {@code [−threshold, threshold]}. */
  VALUE,
  /**
   * Adaptive gradient clipping (Brock et al., 2021): scales each unit's gradient (a row of a
   * weight, an output channel of a convolution) so that its norm is at most {@code threshold} times
   * the norm of the unit's weights.
   */
  ADAPTIVE
}
