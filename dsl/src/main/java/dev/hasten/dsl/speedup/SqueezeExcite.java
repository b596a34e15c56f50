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
 * Squeeze-and-excitation (Hu et al. 2018): after every convolution with at least {@code
 * minChannels} input and output channels ({@code min(in, out) ≥ minChannels}, Composer's rule), a
 * gate {@code sigmoid(W₂ relu(W₁ mean_hw(x)))} rescales each channel. {@code latentChannels} sizes
 * the bottleneck: below 1 it is a fraction of the convolution's channels, from 1 on a number of
 * channels.
 *
 * <p>Composer's defaults (latent 64, min 128) are for ResNet-50, whose convolutions have 64 to
 * 2,048 channels. Hasten's small models have 16 to 128, so it defaults to a latent size of channels
 * / 8 (Composer's own layer default, 0.125; a fixed 64 would widen a 64-channel layer instead of
 * squeezing it) and to convolutions of 64 channels or more on both sides: the later, smaller
 * feature maps (14×14 and below on 28×28 inputs), where the gate costs little next to the
 * convolution: a global pooling, two Linear layers of {@code C·C/8} weights and one product per
 * gate, under 1% of the multiply-adds, too little for a compile warning.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.SqueezeExciteMethod",
    component = Component.MODEL,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.CONV2D},
    stages = {Stage.MODEL_SURGERY, Stage.FIT_START},
    summary =
        "Adds a learned per-channel gate after wide convolutions: slower steps, fewer needed.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SqueezeExcite {
  /** The gate's bottleneck: a fraction of the channels below 1, a channel count from 1 on. */
  @Range(min = 0, minInclusive = false)
  double latentChannels() default 0.125;

  /**
   * Convolutions with fewer input or output channels than this get no gate. Checked when the run
   * starts: a model with no such convolution is refused then.
   */
  @Range(min = 1)
  int minChannels() default 64;
}
