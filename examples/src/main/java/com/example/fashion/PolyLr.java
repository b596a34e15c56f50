package com.example.fashion;

import dev.hasten.dsl.Range;
import dev.hasten.dsl.Schedule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A schedule of this project's own: polynomial decay to zero, the schedule the LARS paper trains
 * with. Declared like Hasten's {@code @CosineLr}: this annotation names its runtime class, {@link
 * PolySchedule}.
 */
@Schedule(implementedBy = "com.example.fashion.PolySchedule")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PolyLr {
  /** The power of the decay: 1 is linear, 2 the paper's. */
  @Range(min = 0, minInclusive = false)
  double power() default 2;
}
