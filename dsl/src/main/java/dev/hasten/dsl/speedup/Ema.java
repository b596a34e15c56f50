package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exponential moving average of the weights, evaluated (and checkpointed) in place of the raw
 * weights. The smoothing per update is {@code 0.5^(updateEverySteps / halfLifeSteps)}. Composer
 * defaults: half-life 1000 steps, update every step, start at once.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.EmaMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    exclusive = {"weight-averaging"},
    stages = {Stage.FIT_START, Stage.AFTER_STEP, Stage.EVAL},
    summary =
        "Evaluates an exponential moving average of the weights, smoother than the last step.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Ema {
  /** Steps after which an old weight's share of the average has halved. */
  @Range(min = 1)
  int halfLifeSteps() default 1000;

  /**
   * The average is updated after every step whose count of steps done is a multiple of this
   * (Composer's {@code update_interval} in batches).
   */
  @Range(min = 1)
  int updateEverySteps() default 1;

  /**
   * Fraction of the run done before the average starts, as a copy of the weights (Composer's {@code
   * ema_start}); evaluation before it sees the training weights. Starting late keeps the average
   * from carrying the first, far-off weights: with a long half-life they fade slowly.
   */
  @Range(min = 0, max = 1, maxInclusive = false)
  double start() default 0;
}
