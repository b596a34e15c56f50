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
 * ColOut: drops a random {@code pRow} fraction of the rows and {@code pCol} fraction of the columns
 * of each batch (the same ones for the whole batch), so every step trains on a smaller image. The
 * model must accept any input size. Composer defaults: pRow 0.15, pCol 0.15; it gives diminishing
 * returns next to progressive resizing, but the two compose.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.ColOutMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.IMAGES, Requirement.GLOBAL_POOL},
    stages = {Stage.BATCH},
    summary = "Drops random rows and columns of each batch: smaller images, cheaper steps.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ColOut {
  /** Fraction of the rows dropped; with {@code pCol}, at least one must be above 0. */
  @Range(min = 0, max = 1, maxInclusive = false)
  double pRow() default 0.15;

  /** Fraction of the columns dropped. */
  @Range(min = 0, max = 1, maxInclusive = false)
  double pCol() default 0.15;
}
