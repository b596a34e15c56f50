package test;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user-defined speedup whose runtime class is package-private, beside its pipelines. */
@Speedup(
    implementedBy = "test.NudgeMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.BATCH})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Nudge {
  double amount() default 0.01;
}
