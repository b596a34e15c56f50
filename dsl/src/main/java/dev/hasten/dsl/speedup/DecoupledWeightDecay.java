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
 * Decoupled weight decay (Loshchilov and Hutter, 2019): every step, {@code w ← w − lr_t·wd·w} with
 * the scheduled learning rate {@code lr_t}, apart from the gradient, so the decay does not pass
 * through momentum or Adam's normalisation. With {@code @Sgd} this makes SGDW; write
 * {@code @Sgd(weightDecay = 0)} beside it, since {@code @Sgd}'s own decay is the coupled L2 kind.
 * {@code @AdamW}'s weightDecay is already decoupled in this same form.
 *
 * <p>The scale is PyTorch's AdamW one ({@code lr_t·wd}). Composer's DecoupledSGDW scales by {@code
 * lr_t / lr_0} instead, so a Composer value {@code wd_c} is {@code wd_c / lr_0} here.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.DecoupledWeightDecayMethod",
    component = Component.OPTIMIZATION,
    effect = Effect.FEWER_STEPS,
    stages = {Stage.FIT_START, Stage.GRADIENTS},
    summary =
        "Shrinks the weights by lr*wd each step apart from the gradient (SGDW, AdamW's decay).")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DecoupledWeightDecay {
  /** {@code wd}: the fraction of each weight removed per unit of learning rate. */
  @Range(min = 0)
  double weightDecay() default 5e-4;
}
