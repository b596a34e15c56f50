package dev.hasten.samples.slow;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A known delay in the data: each batch waits {@link #millis()} before the forward pass. */
@Speedup(
    implementedBy = "dev.hasten.samples.slow.SlowBatchMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    stages = {Stage.BATCH},
    summary = "Sleeps in the BATCH stage (a test of the doctor's accounting).")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SlowBatch {
  @Range(min = 0, max = 1000)
  int millis() default 20;
}
