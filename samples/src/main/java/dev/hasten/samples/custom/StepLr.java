package dev.hasten.samples.custom;

import dev.hasten.dsl.Range;
import dev.hasten.dsl.Schedule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user-defined schedule: PyTorch's {@code StepLR} over fractions of the run, the base rate times
 * {@code factor} after every {@code everyFraction} of it. Declared exactly like the built-in
 * {@code @CosineLr} (this annotation plus {@link StepSchedule}).
 */
@Schedule(implementedBy = "dev.hasten.samples.custom.StepSchedule")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StepLr {
  /** The fraction of the run between two drops. */
  @Range(min = 0, max = 1, minInclusive = false)
  double everyFraction() default 0.5;

  /** What each drop multiplies the rate by. */
  @Range(min = 0, max = 1, minInclusive = false, maxInclusive = false)
  double factor() default 0.1;
}
