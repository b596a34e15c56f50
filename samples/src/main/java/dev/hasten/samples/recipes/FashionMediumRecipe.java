package dev.hasten.samples.recipes;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.dsl.speedup.Sam;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composer's Medium ResNet recipe on Fashion-MNIST: {@link FashionMildRecipe}'s methods plus two
 * regularisers that pay off on longer runs. A recipe cannot carry another recipe, so Mild's
 * methods are written again here.
 *
 * <ul>
 *   <li>{@code @BlurPool}, {@code @Ema(100, every 20)}, {@code @ProgressiveResizing(0.5, 0.4,
 *       0.2)}, {@code @DecoupledWeightDecay(2.5e-3)}: as in Mild, for the same reasons.
 *   <li>{@code @LabelSmoothing(0.1)}: Composer raises it from Mild's 0.08 once MixUp softens the
 *       targets too.
 *   <li>{@code @MixUp(alpha = 0.2)}: Composer's value; mixed examples regularise a longer run.
 *   <li>{@code @Sam(rho = 0.5, interval = 10)}: Composer's values; one step in ten costs two
 *       passes (about +10% per epoch), for flatter minima. Its cost warning is acknowledged by the
 *       pipelines that use this recipe ({@code @SuppressWarnings("hasten:cost")}).
 * </ul>
 */
@Recipe
@BlurPool
@Ema(halfLifeSteps = 100, updateEverySteps = 20)
@LabelSmoothing(0.1)
@MixUp(alpha = 0.2)
@ProgressiveResizing(initialScale = 0.5, delayFraction = 0.4, finetuneFraction = 0.2)
@Sam(rho = 0.5, interval = 10)
@DecoupledWeightDecay(weightDecay = 2.5e-3)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FashionMediumRecipe {}
