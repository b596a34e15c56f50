package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scales the length of the whole run by {@code ratio}: the learning-rate schedule and every
 * fraction of the run (resizing, averaging windows, …) scale along, as Composer's {@code
 * scale_schedule_ratio}. This is how the paper's fewer-epoch baselines are made: a run of {@code
 * epochs} at ratio 0.5 is a proper half-length run, not a full one cut short. Composer's ratio has
 * no default, so it must be written.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.ScaleScheduleMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.FIT_START},
    summary = "Shortens the whole run by a ratio; the schedule and every run fraction scale along.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ScaleSchedule {
  /** The run's new length as a fraction of {@code epochs}; above 1 lengthens it. */
  @Range(min = 0, minInclusive = false)
  double ratio();
}
