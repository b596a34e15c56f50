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
 * BlurPool (Zhang 2019): a 3×3 binomial low-pass filter before each downsampling, so that striding
 * does not alias. A strided convolution with at least {@code minChannels} input channels gets the
 * blur before it ({@code blurFirst}) or runs at stride 1 with a strided blur after it; a max-pool
 * becomes a max at stride 1 followed by a strided blur. Output sizes stay the same. Composer
 * defaults: replaceConvs, replaceMaxpools, blurFirst, minChannels 16.
 *
 * <p>Cost: a depthwise 3×3 blur per rewritten layer, a few percent of the multiply-adds of Hasten's
 * models (about 3% for ResNet TINY, 7% for the baseline CNN, whose max-pools also become dense);
 * too little for a compile warning. {@code blurFirst = false} costs more: the convolution runs at
 * every position, four times its work at stride 2.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.BlurPoolMethod",
    component = Component.MODEL,
    effect = Effect.FEWER_STEPS,
    requiresAnyOf = {Requirement.CONV2D, Requirement.MAX_POOL},
    stages = {Stage.MODEL_SURGERY, Stage.FIT_START},
    summary =
        "Blurs before every strided convolution and max-pool, so downsampling does not alias.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface BlurPool {
  /** Whether strided convolutions are blurred. */
  boolean replaceConvs() default true;

  /** Whether max-pools are blurred. */
  boolean replaceMaxpools() default true;

  /**
   * Blur the input of a strided convolution (true), or run the convolution at stride 1 and blur its
   * output with the stride (false: more compute).
   */
  boolean blurFirst() default true;

  /** Convolutions with fewer input channels than this (an RGB or grey stem) are left alone. */
  @Range(min = 1)
  int minChannels() default 16;
}
