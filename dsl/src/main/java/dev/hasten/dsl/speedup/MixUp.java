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
 * MixUp: each batch becomes {@code λ·x + (1 − λ)·x[perm]} with targets mixed the same way, one
 * {@code λ ~ Beta(alpha, alpha)} per batch. Composer default alpha 0.2.
 *
 * <p>Composer's {@code interpolate_loss} is not offered: it mixes two losses instead of the
 * targets, which for the cross-entropy, linear in the targets, is the same loss and gradient. Label
 * smoothing commutes with the mix, so their order does not matter.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.MixUpMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES, Requirement.CLASSIFICATION},
    exclusive = {"input-mixing"},
    stages = {Stage.BATCH},
    summary = "Trains on convex mixtures of example pairs and of their targets.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MixUp {
  /** Concentration of the Beta distribution λ is drawn from. */
  @Range(min = 0, minInclusive = false)
  double alpha() default 0.2;
}
