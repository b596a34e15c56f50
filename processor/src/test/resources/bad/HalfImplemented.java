package test;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Acts at two stages; its class implements one. */
@Speedup(
    implementedBy = "test.HalfImplementedMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.BATCH, Stage.EVAL})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface HalfImplemented {}
