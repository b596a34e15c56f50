package test;

import dev.hasten.dsl.Range;
import dev.hasten.dsl.Schedule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user-defined schedule being compiled with its pipeline: the rate times {@code factor} every {@code everyFraction} of the run. */
@Schedule(implementedBy = "test.StepSchedule")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StepLr {
  @Range(min = 0, max = 1, minInclusive = false)
  double everyFraction() default 0.5;

  @Range(min = 0, max = 1, minInclusive = false)
  double factor() default 0.1;
}
