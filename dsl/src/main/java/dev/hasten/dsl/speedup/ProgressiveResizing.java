package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.ResizeMode;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.SumAtMost;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Progressive resizing: trains on smaller images early in the run and grows them to full size,
 * scaling them down ({@code RESIZE}) or cutting a window out of them ({@code CROP}) on the device
 * after loading. The model's head must accept any input size. Composer defaults: initialScale 0.5,
 * delayFraction 0.5, finetuneFraction 0.2, sizeIncrement 4, mode RESIZE.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.ProgressiveResizingMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.IMAGES, Requirement.GLOBAL_POOL},
    stages = {Stage.BATCH},
    summary = "Trains on smaller images early and grows them to full size: cheaper early steps.")
@SumAtMost(
    members = {"delayFraction", "finetuneFraction"},
    max = 1)
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

  /**
   * Image sides are rounded to the nearest multiple of this many pixels (ties to the even multiple)
   * while growing, at least one multiple and at most the full side.
   */
  @Range(min = 1)
  int sizeIncrement() default 4;

  /** Whether a smaller image is the whole image scaled down or a window cut out of it. */
  ResizeMode mode() default ResizeMode.RESIZE;
}
