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
 * Attention with linear biases (ALiBi, Press et al. 2022): the learned position embedding is
 * removed, and each attention head {@code h} of {@code H} instead adds {@code −m_h·(i − j)} to the
 * score of query {@code i} for key {@code j}, with slopes {@code m_h = 2^(−8h/H)}. Attention fades
 * with distance, and a model trained on short windows reads longer ones: so training windows are
 * cut to {@code trainSequenceLengthScaling} of the pipeline's sequence length, while evaluation
 * reads the full length. Composer default: 0.25.
 *
 * <p>It applies to the model catalog's GPT ({@code Models.gpt}); see {@code AlibiMethod} for where
 * it departs from Composer.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.AlibiMethod",
    component = Component.MODEL,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.ATTENTION, Requirement.SEQUENCES},
    stages = {Stage.MODEL_SURGERY, Stage.BATCH},
    summary =
        "Biases attention by distance instead of position embeddings; trains on short windows.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Alibi {
  /** The fraction of each training window's tokens trained on; evaluation reads them all. */
  @Range(min = 0, max = 1, minInclusive = false)
  double trainSequenceLengthScaling() default 0.25;
}
