package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One cycle: linear warm-up to the peak over {@code warmupFraction} of the run, then linear decay
 * to zero.
 */
@Documented
@Schedule(implementedBy = "dev.hasten.runtime.optim.OneCycleSchedule")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface OneCycleLr {
  /** Fraction of the run spent warming up from zero to the base learning rate. */
  @Range(min = 0, max = 1, maxInclusive = false)
  double warmupFraction() default 0.25;
}
