package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.ConflictsWith;
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
 * Sharpness-aware minimisation (Foret et al., 2021): on the steps it runs, the weights first ascend
 * by {@code rho} along the normalised gradient, the gradient is computed again there, and the
 * optimizer steps from the original weights with that second gradient. It runs on every {@code
 * interval}-th step (the steps whose index is a multiple of it); the others are plain. Composer
 * defaults: rho 0.05, epsilon 1e-12, interval 1 (its recipes use rho 0.5, interval 5–10).
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SamMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    exclusive = {"optimizer-step"},
    stages = {Stage.STEP},
    cost = "doubles the cost of a step on the steps it runs",
    summary = "Steps with the gradient taken at a nearby worse point: seeks flat minima.")
@ConflictsWith(
    value = GradientClipping.class,
    reason =
        "@Sam computes the gradient again after the GRADIENTS stage, so the clipped gradient would"
            + " only set Sam's ascent direction and the update would use an unclipped one")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Sam {
  /** Radius of the ascent step, in the weights' L2 norm. */
  @Range(min = 0, minInclusive = false)
  double rho() default 0.05;

  /** Added to the gradient's norm before dividing by it. */
  @Range(min = 0)
  double epsilon() default 1e-12;

  /** Sam runs on every this many steps; the others take a plain step. */
  @Range(min = 1)
  int interval() default 1;
}
