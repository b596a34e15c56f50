package test;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.speedup.*;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Carries a value out of range. */
@Recipe
@LabelSmoothing(
    value = 1.5)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BadValueRecipe {}
