package dev.hasten.dsl.speedup;

import dev.hasten.dsl.ClippingType;
import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gradient clipping, after backward and before the update: by global norm (as PyTorch's {@code
 * clip_grad_norm_}), by value ({@code clip_grad_value_}), or adaptively per unit (AGC, Brock et
 * al., 2021). Composer's names; its threshold has no default, so it must be written.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.GradientClippingMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.GRADIENTS},
    summary = "Bounds the gradients by global norm, by value, or per unit relative to its weights.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GradientClipping {
  ClippingType clippingType() default ClippingType.NORM;

  /**
   * The largest global norm (NORM), absolute value (VALUE), or ratio of a unit's gradient norm to
   * its weight norm (ADAPTIVE).
   */
  @Range(min = 0, minInclusive = false)
  double clippingThreshold();
}
