package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.DividesBatchSize;
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
 * Ghost batch normalisation (Hoffer et al. 2017): in training, every BatchNorm normalises each
 * sub-batch of {@code ghostBatchSize} examples by that sub-batch's own statistics, a regularising
 * noise that large batches otherwise lose. The running statistics move once per step, by the
 * layer's own momentum, towards the mean of the sub-batches' statistics; evaluation is unchanged.
 * Composer default: ghostBatchSize 32.
 *
 * <p>Cost: each BatchNorm runs once per sub-batch in training, the same arithmetic in more, smaller
 * calls (Composer measured about 5% slower steps); too little for a compile warning.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.GhostBatchNormMethod",
    component = Component.MODEL,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.BATCH_NORM},
    stages = {Stage.MODEL_SURGERY},
    summary = "Normalises BatchNorm over sub-batches of the batch, regularising large batches.")
@DividesBatchSize("ghostBatchSize")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GhostBatchNorm {
  /** Examples per sub-batch; must divide the pipeline's batch size. */
  @Range(min = 2)
  int ghostBatchSize() default 32;
}
