package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.ConflictsWith;
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
 * Mixed precision: the forward and backward passes compute in FP16 while the optimizer updates FP32
 * master weights, with dynamic loss scaling so that small gradients do not vanish in FP16
 * (Micikevicius et al., 2018; PyTorch's GradScaler defaults). DJL 0.36 has no autocast, so the
 * runtime casts the weights and inputs itself; see {@code MixedPrecisionMethod} for exactly what
 * runs in FP16. It needs a GPU: on the CPU the run stops before its first step.
 *
 * <p>The loss scale starts at {@code initialLossScale}; a step whose gradients overflow is skipped
 * and the scale multiplied by {@code backoffFactor}; after {@code growthInterval} steps in a row
 * without overflow it is multiplied by {@code growthFactor}.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.MixedPrecisionMethod",
    component = Component.SYSTEM,
    effect = Effect.CHEAPER_STEPS,
    requires = {Requirement.GPU},
    stages = {Stage.MODEL_SURGERY, Stage.FIT_START, Stage.GRADIENTS, Stage.STEP},
    summary = "Computes in FP16 with FP32 master weights and dynamic loss scaling (GPU only).")
@ConflictsWith(
    value = DataPruning.class,
    reason =
        "@DataPruning's warm-up trains the model in a loop of its own, which never moves the FP16"
            + " copies' gradients onto the FP32 weights, so the warm-up would not train and the"
            + " scores would be those of the initial model")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MixedPrecision {
  /** The loss scale of the first step. */
  @Range(min = 1)
  double initialLossScale() default 65536;

  /** The scale is multiplied by this after {@code growthInterval} clean steps. */
  @Range(min = 1, minInclusive = false)
  double growthFactor() default 2.0;

  /** The scale is multiplied by this after a step whose gradients overflowed. */
  @Range(min = 0, max = 1, minInclusive = false, maxInclusive = false)
  double backoffFactor() default 0.5;

  /** Clean steps in a row before the scale grows. */
  @Range(min = 1)
  int growthInterval() default 2000;
}
