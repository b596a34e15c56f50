package test;

import dev.hasten.dsl.Optimizer;
import dev.hasten.dsl.Range;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user-defined optimizer being compiled with its pipeline: signSGD, {@code w -= lr·sign(g)}. */
@Optimizer(implementedBy = "test.SignSgdOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignSgd {
  @Range(min = 0, minInclusive = false)
  double lr() default 1e-3;
}
