package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Label smoothing: trains against {@code (1 − ε)·onehot + ε/K} instead of the one-hot target.
 * Composer default ε = 0.1.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.LabelSmoothingMethod",
    component = Component.OBJECTIVE,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.CLASSIFICATION},
    stages = {Stage.LOSS},
    summary = "Trains against (1 - e)*onehot + e/K, a softer target that generalises better.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LabelSmoothing {
  /** ε, the probability mass spread evenly over all classes. */
  @Range(min = 0, max = 1, maxInclusive = false)
  double value() default 0.1;
}
