package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.DropDistribution;
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
 * Stochastic depth (Huang et al. 2016), block-wise: in training, each residual block's branch is
 * skipped with its drop probability for the whole step (the block passes its shortcut through);
 * in evaluation every branch runs, scaled by its keep probability, so that the expected output
 * matches training. Composer defaults: dropRate 0.2, LINEAR.
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
}
