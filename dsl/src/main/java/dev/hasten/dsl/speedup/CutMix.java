package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * CutMix: pastes a random box from another example of the batch into each example, mixing the
 * targets by the box's area. Composer default alpha 1.0.
 *
 * <p>Composer's {@code interpolate_loss} is not offered: it mixes two losses instead of the
 * targets, which for the cross-entropy, linear in the targets, is the same loss and gradient. Label
 * smoothing commutes with the mix, so their order does not matter.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.CutMixMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES, Requirement.CLASSIFICATION},
    exclusive = {"input-mixing"},
    stages = {Stage.BATCH},
    summary = "Pastes a box from another example and mixes the targets by its area.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CutMix {
  /** Concentration of the Beta distribution the kept area fraction is drawn from. */
  @Range(min = 0, minInclusive = false)
  double alpha() default 1.0;
}
