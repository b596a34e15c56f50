package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.LessThan;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stochastic weight averaging (Izmailov et al., 2018): an equal-weight average of the weights of
 * the steps between {@code start} and {@code end} of the run. From {@code start} on, evaluation
 * sees the average; at {@code end} the average replaces the training weights and training goes on
 * from it, as in Composer. BatchNorm statistics are recomputed for the average each time it is
 * put in the model. Composer defaults: start 0.7, end 0.97.
 *
 * <p>Composer updates the average once per epoch by default; Hasten's runs are a few epochs long,
 * so the average is updated every {@code updateEverySteps} steps (default every step). Composer's
 * optional SWA learning-rate schedule is not offered: Composer found it made no substantial
 * difference, and the pipeline's own schedule stays in charge.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SwaMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    exclusive = {"weight-averaging"},
    stages = {Stage.FIT_START, Stage.AFTER_STEP, Stage.EVAL},
    summary = "Averages the weights of the late steps equally; BatchNorm statistics recomputed for it.")
@LessThan(lower = "start", upper = "end")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Swa {
  /** Fraction of the run completed when averaging begins. */
  @Range(min = 0, max = 1)
  double start() default 0.7;

  /** Fraction of the run completed when the average replaces the training weights. */
  @Range(min = 0, max = 1)
  double end() default 0.97;

  /** The average takes in the weights every this many steps (steps whose index is a multiple). */
  @Range(min = 1)
  int updateEverySteps() default 1;
}
