package dev.hasten.dsl.speedup;

import dev.hasten.dsl.AnnealStrategy;
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
 * from it, as in Composer. BatchNorm statistics are recomputed for the average each time it is put
 * in the model. Composer defaults: start 0.7, end 0.97.
 *
 * <p>Composer updates the average once per epoch by default; Hasten's runs are a few epochs long,
 * so the average is updated every {@code updateEverySteps} steps (default every step).
 *
 * <p>With {@code lr} above 0, the window has a learning rate of its own, as Composer's {@code
 * schedule_swa_lr}: from the window's first update on, the rate moves from the pipeline's rate at
 * that step to {@code lr} over {@code annealSteps} updates of the average ({@code annealStrategy}
 * gives the shape), then holds to the end of the run: at {@code lr}, or where the window's last
 * update left it if the window ends first. With {@code lr = 0}, Composer's default, the pipeline's
 * schedule stays in charge.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SwaMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    exclusive = {"weight-averaging"},
    stages = {Stage.FIT_START, Stage.AFTER_STEP, Stage.EVAL},
    summary =
        "Averages the weights of the late steps equally; BatchNorm statistics recomputed for it.")
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

  /**
   * The learning rate the window anneals to and holds (Composer's {@code swa_lr}); 0 leaves the
   * pipeline's schedule in charge.
   */
  @Range(min = 0)
  double lr() default 0;

  /** Updates of the average over which the rate moves to {@code lr} (Composer's anneal_steps). */
  @Range(min = 1)
  int annealSteps() default 10;

  /** The shape of the move to {@code lr} (Composer's anneal_strategy). */
  AnnealStrategy annealStrategy() default AnnealStrategy.LINEAR;
}
