package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.SumAtMost;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Progressive resizing: trains on down-scaled images early in the run and grows them to full
 * size, resizing on the device after loading. The model's head must accept any input size.
 * Composer defaults: initialScale 0.5, delayFraction 0.5, finetuneFraction 0.2, sizeIncrement 4.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.ProgressiveResizingMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.IMAGES, Requirement.GLOBAL_POOL},
    stages = {Stage.BATCH},
    summary = "Trains on down-scaled images early and grows them to full size: cheaper early steps.")
@SumAtMost(members = {"delayFraction", "finetuneFraction"}, max = 1)
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProgressiveResizing {
  /** Scale of the images at the start, relative to full size. */
  @Range(min = 0, max = 1, minInclusive = false)
  double initialScale() default 0.5;

  /** Fraction of the run trained at {@code initialScale} before growing. */
  @Range(min = 0, max = 1)
  double delayFraction() default 0.5;

  /** Fraction of the run, at the end, trained at full size. */
  @Range(min = 0, max = 1)
  double finetuneFraction() default 0.2;

  /** Image sides are rounded down to a multiple of this many pixels while growing. */
  @Range(min = 1)
  int sizeIncrement() default 4;
}
