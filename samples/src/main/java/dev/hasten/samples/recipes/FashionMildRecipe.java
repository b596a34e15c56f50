package dev.hasten.samples.recipes;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composer's Mild ResNet recipe, carried to Fashion-MNIST: the methods that cost (almost) nothing
 * per step and make fewer steps enough. For a ResNet with global pooling and BatchNorm (ResNet
 * SMALL here, {@code FashionRecipeMild}), trained with SGD at weight decay 0.
 *
 * <ul>
 *   <li>{@code @BlurPool}: anti-aliased downsampling; Composer's one model change that is a Pareto
 *       improvement on ResNet-50. On a 28×28 input the stem and the stage transitions are the
 *       strided convolutions it blurs.
 *   <li>{@code @Ema(halfLifeSteps = 100, updateEverySteps = 20)}: Composer's values; evaluation
 *       sees a smoother model for 1/20 of a weight update's cost per step.
 *   <li>{@code @LabelSmoothing(0.08)}: Composer's value; a softer target, no cost.
 *   <li>{@code @ProgressiveResizing(initialScale = 0.5, delayFraction = 0.4, finetuneFraction =
 *       0.2)}: Composer's values; the first 40% of the run on 14×14 images costs about a quarter
 *       of full-size steps, the core of the recipe's saving.
 *   <li>{@code @DecoupledWeightDecay(weightDecay = 2.5e-3)}: Composer's decoupled 5e-4 at its
 *       base rate 2.048 is the same pull per step as 2.5e-4 here; scaled to this recipe's base rate
 *       0.2 (Composer's value divided by the base rate) it is 5e-4 / 0.2 = 2.5e-3.
 * </ul>
 *
 * Composer's ChannelsLast is left out: DJL 0.36 has no memory-format API (docs/METHODS.md).
 */
@Recipe
@BlurPool
@Ema(halfLifeSteps = 100, updateEverySteps = 20)
@LabelSmoothing(0.08)
@ProgressiveResizing(initialScale = 0.5, delayFraction = 0.4, finetuneFraction = 0.2)
@DecoupledWeightDecay(weightDecay = 2.5e-3)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FashionMildRecipe {}
