package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Linear warm-up over {@code warmupFraction} of the run, then cosine decay to zero. The default
 * schedule.
 */
@Documented
@Schedule(implementedBy = "dev.hasten.runtime.optim.CosineSchedule")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CosineLr {
  /** Fraction of the run spent warming up from zero to the base learning rate. */
  @Range(min = 0, max = 1, maxInclusive = false)
  double warmupFraction() default 0;
}
