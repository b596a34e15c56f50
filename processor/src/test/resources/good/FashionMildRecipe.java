package test;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.*;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import dev.hasten.processor.fixtures.BlurPool;

/** Composer's Mild recipe, as far as Hasten has its methods. */
@Recipe
@LabelSmoothing(0.08)
@BlurPool
@Ema(halfLifeSteps = 100)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FashionMildRecipe {}
