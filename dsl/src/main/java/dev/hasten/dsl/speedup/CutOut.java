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
 * CutOut (DeVries and Taylor 2017): zeroes {@code numHoles} square patches of each batch, at random
 * places, one mask shared by the whole batch and made on the device. A patch's side is {@code
 * length} times the shorter image side. Composer defaults: numHoles 1, length 0.5; Composer reports
 * "little or no improvement" once other hyperparameters are tuned.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.CutOutMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES},
    stages = {Stage.BATCH},
    summary = "Zeroes random square patches of the images, one mask per batch.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CutOut {
  /** Patches cut out of each image. */
  @Range(min = 1)
  int numHoles() default 1;

  /** A patch's side as a fraction of the shorter image side. */
  @Range(min = 0, max = 1, minInclusive = false)
  double length() default 0.5;
}
