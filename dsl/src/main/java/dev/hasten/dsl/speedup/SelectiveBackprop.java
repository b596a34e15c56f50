package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.LessThan;
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
 * Selective backprop (Jiang et al. 2019): between {@code start} and {@code end} of the run, an
 * extra forward pass without gradients scores every example of the batch by its loss, and only a
 * {@code keep} fraction of the batch, drawn with a preference for the highest losses, goes through
 * the training forward and backward. Every {@code interrupt}-th step trains on the whole batch.
 * {@code scaleFactor < 1} scores on down-scaled images, which needs a model that accepts any input
 * size (checked when the run starts). Composer defaults: start 0.5, end 0.9, keep 0.5, scaleFactor
 * 1.0, interrupt 2.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SelectiveBackpropMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.IMAGES, Requirement.CLASSIFICATION},
    stages = {Stage.FIT_START, Stage.BATCH},
    cost =
        "an extra forward pass without gradients over the whole batch on every step it selects"
            + " on; it pays off only where backward dominates the step",
    summary =
        "Backpropagates only the highest-loss part of each batch, scored by an extra forward pass.")
@LessThan(lower = "start", upper = "end")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SelectiveBackprop {
  /** Fraction of the run at which selection starts. */
  @Range(min = 0, max = 1)
  double start() default 0.5;

  /** Fraction of the run at which selection ends (exclusive). */
  @Range(min = 0, max = 1)
  double end() default 0.9;

  /** Fraction of each batch that is kept for the backward pass; 1 would keep everything. */
  @Range(min = 0, max = 1, minInclusive = false, maxInclusive = false)
  double keep() default 0.5;

  /** Scale of the images in the scoring pass, relative to full size. */
  @Range(min = 0, max = 1, minInclusive = false)
  double scaleFactor() default 1.0;

  /**
   * Every {@code interrupt}-th step trains on the whole batch; 0 never interrupts. 1 would
   * interrupt every step and is refused when the run starts.
   */
  @Range(min = 0)
  int interrupt() default 2;
}
