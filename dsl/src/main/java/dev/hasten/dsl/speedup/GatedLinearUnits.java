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
 * Gated linear units (Shazeer 2020): each transformer feed-forward {@code W_2·GELU(W_1·x)} becomes
 * {@code W_out·(GELU(W_gate·x) ⊙ W_up·x)}, a GELU half gating a linear half. Composer's defaults:
 * no bias in the gate or the linear half, and the hidden width of the layer replaced ({@code
 * hiddenFraction = 1}), which costs 50% more parameters and multiply-adds in each feed-forward;
 * {@code hiddenFraction = 2/3} keeps them as they were, as in Shazeer's comparisons.
 *
 * <p>It applies to the model catalog's GPT ({@code Models.gpt}).
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.GatedLinearUnitsMethod",
    component = Component.MODEL,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.FEED_FORWARD},
    stages = {Stage.MODEL_SURGERY},
    summary =
        "Replaces each feed-forward with a GELU-gated linear unit: better steps, fewer needed.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GatedLinearUnits {
  /** The gated hidden width, as a fraction of the replaced feed-forward's ({@code 4·width}). */
  @Range(min = 0, max = 4, minInclusive = false)
  double hiddenFraction() default 1.0;

  /** Whether the gate's Linear has a bias. */
  boolean gatedLayerBias() default false;

  /** Whether the linear (non-gated) half's Linear has a bias. */
  boolean nonGatedLayerBias() default false;
}
