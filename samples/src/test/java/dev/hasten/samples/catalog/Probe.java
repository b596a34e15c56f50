package dev.hasten.samples.catalog;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test-only speedup that changes nothing and records what the run looks like ({@link
 * ProbeMethod}). Declared after the speedup under test, it runs after it at every stage they share,
 * so it sees that speedup's work.
 */
@Speedup(
    implementedBy = "dev.hasten.samples.catalog.ProbeMethod",
    component = Component.SYSTEM,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.FIT_START, Stage.AFTER_STEP},
    summary = "Test probe: records the model, the data and every step.")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Probe {}
