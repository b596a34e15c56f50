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
 * Sequence-length warm-up: trains on the first tokens of each window, a length that grows linearly
 * from {@code minSeqLength} to the full window over the first {@code duration} of the run, in
 * increments of {@code stepSize} tokens. Composer defaults: duration 0.3, minSeqLength 8, stepSize
 * 8. {@code minSeqLength} must be below the pipeline's sequence length; a run refuses to start
 * otherwise.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SeqLengthWarmupMethod",
    component = Component.DATA,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.SEQUENCES},
    stages = {Stage.FIT_START, Stage.BATCH},
    summary =
        "Trains on truncated sequences that grow linearly to the full length: cheaper early"
            + " steps.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SeqLengthWarmup {
  /** Fraction of the run over which the length grows; the rest trains on full windows. */
  @Range(min = 0, max = 1, minInclusive = false)
  double duration() default 0.3;

  /** Tokens per window at the start. */
  @Range(min = 1)
  int minSeqLength() default 8;

  /** The length grows in increments of this many tokens. */
  @Range(min = 1)
  int stepSize() default 8;
}
