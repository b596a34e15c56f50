package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Low-precision layer norm: every LayerNorm computes in FP16, its input, gain and shift cast down
 * and its result cast back to the input's type. Composer applies it inside mixed precision, where
 * autocast would otherwise compute layer norms in FP32. DJL has no autocast: beside
 * {@code @MixedPrecision} the layer norms already take FP16 input, and this makes their gain and
 * shift FP16 as well; alone, it computes the layer norms of an FP32 model in FP16, at the cost of a
 * cast on each side. It needs a GPU: on the CPU the run stops before its first step.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.LowPrecisionLayerNormMethod",
    component = Component.SYSTEM,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.LAYER_NORM, Requirement.GPU},
    stages = {Stage.MODEL_SURGERY, Stage.FIT_START},
    summary = "Computes every LayerNorm in FP16 (GPU only).")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LowPrecisionLayerNorm {}
