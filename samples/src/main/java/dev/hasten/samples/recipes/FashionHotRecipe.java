package dev.hasten.samples.recipes;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.ColOut;
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.dsl.speedup.StochasticDepth;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composer's Hot ResNet recipe on Fashion-MNIST: the most regularisation, for the longest runs.
 * Needs residual blocks and global pooling.
 *
 * <ul>
 *   <li>{@code @BlurPool}, {@code @Ema(100, every 20)}: as in Mild.
 *   <li>{@code @ColOut(pRow = 0.05, pCol = 0.05)}: Composer's 0.05; drops a row or column in
 *       twenty, slightly cheaper steps and a little augmentation.
 *   <li>{@code @LabelSmoothing(0.13)}, {@code @MixUp(alpha = 0.25)}: Composer's stronger values.
 *   <li>{@code @ProgressiveResizing(initialScale = 0.6, delayFraction = 0.2)}: Composer's; it
 *       starts larger and grows sooner, since the other regularisers already slow learning.
 *   <li>{@code @Sam(rho = 0.5, interval = 5)}: Composer's; one step in five costs two passes.
 *   <li>{@code @StochasticDepth(dropRate = 0.1)}: Composer's; skips residual branches in
 *       training, which both regularises and saves their compute.
 *   <li>{@code @DecoupledWeightDecay(weightDecay = 1.5e-3)}: Composer's decoupled 3e-4 divided by
 *       the base rate 0.2.
 * </ul>
 *
 * Left out: ChannelsLast (DJL 0.36 cannot) and RandAugment (a CPU augmentation chain that Hasten
 * does not offer: Composer measured it 1.1–10× slower).
 */
@Recipe
@BlurPool
@Ema(halfLifeSteps = 100, updateEverySteps = 20)
@ColOut(pRow = 0.05, pCol = 0.05)
@LabelSmoothing(0.13)
@MixUp(alpha = 0.25)
@ProgressiveResizing(initialScale = 0.6, delayFraction = 0.2)
@Sam(rho = 0.5, interval = 5)
@StochasticDepth(dropRate = 0.1)
@DecoupledWeightDecay(weightDecay = 1.5e-3)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FashionHotRecipe {}
