package test;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Its runtime class is private: no generated code can create it. */
@Speedup(
    implementedBy = "test.HiddenMethods.Method",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.BATCH})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Hidden {}
