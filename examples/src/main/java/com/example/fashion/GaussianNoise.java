package com.example.fashion;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A speedup of this project's own: adds Gaussian noise to each training batch's images. Declared
 * as Hasten's built-in speedups are, so the processor checks its use by the same rules: its
 * standard deviation must be in [0, 1] and the pipeline must read images.
 */
@Speedup(
    implementedBy = "com.example.fashion.GaussianNoiseMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES},
    stages = {Stage.BATCH},
    summary = "Adds Gaussian noise of a given standard deviation to the training images.")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GaussianNoise {
  /** The noise's standard deviation, in units of the normalised images. */
  @Range(min = 0, max = 1)
  double std() default 0.1;
}
