package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.DropGranularity;
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
 * Stochastic depth (Huang et al. 2016): in training, each residual block's branch is skipped with
 * its drop probability, for the whole step ({@code BLOCK}: the block passes its shortcut through)
 * or for each example ({@code SAMPLE}); in evaluation every branch runs, scaled by its keep
 * probability, so that the expected output matches training. With {@code dropWarmup}, the drop
 * probabilities grow linearly from 0 over that fraction of the run. Composer defaults: dropRate
 * 0.2, LINEAR, BLOCK, no warm-up.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.StochasticDepthMethod",
    component = Component.MODEL,
    effect = Effect.BOTH,
    requires = {Requirement.RESIDUAL},
    stages = {Stage.MODEL_SURGERY, Stage.BATCH},
    summary = "Skips random residual blocks in training and scales them in evaluation.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StochasticDepth {
  /** The drop probability of the last residual block (of every block with UNIFORM). */
  @Range(min = 0, max = 1, minInclusive = false, maxInclusive = false)
  double dropRate() default 0.2;

  /** How the drop rate is spread over the blocks. */
  DropDistribution dropDistribution() default DropDistribution.LINEAR;

  /** Whether a step drops a branch for the whole batch or for each example. */
  DropGranularity granularity() default DropGranularity.BLOCK;

  /**
   * Fraction of the run over which every drop probability grows linearly from 0 to its full value
   * (Composer's drop_warmup); 0 drops at the full rate from the first step.
   */
  @Range(min = 0, max = 1)
  double dropWarmup() default 0;
}
