package dev.hasten.samples.custom;

import dev.hasten.dsl.Optimizer;
import dev.hasten.dsl.Range;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user-defined optimizer: signSGD (Bernstein et al., "signSGD: Compressed Optimisation for
 * Non-Convex Problems", ICML 2018), {@code w ← w − lr·sign(g)}. It is declared exactly like the
 * built-in {@code @Sgd} (this annotation plus {@link SignSgdOptimizer}), and the processor checks
 * it by the same rules.
 */
@Optimizer(implementedBy = "dev.hasten.samples.custom.SignSgdOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignSgd {
  /** The step every weight takes, up or down, at the schedule's peak. */
  @Range(min = 0, minInclusive = false)
  double lr() default 1e-3;
}
