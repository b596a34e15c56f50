package test;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.*;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Carries Ema too. */
@Recipe
@Ema(halfLifeSteps = 50)
@MixUp(alpha = 0.25)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HotRecipe {}
