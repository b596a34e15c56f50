package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation that makes an annotation type an optimizer; a pipeline carries at most one
 * (without one it trains with {@link Sgd}'s defaults, see {@link Defaults}). Built-in and
 * user-defined optimizers are declared the same way and checked by the same rules as speedups.
 *
 * <p>The runtime class named by {@link #implementedBy()} must implement {@code
 * dev.hasten.runtime.optim.ParameterUpdater} and have a constructor taking the optimizer annotation
 * (the generated module passes it the pipeline's, values and all), or one without parameters. The
 * generated code, in the pipeline's package, creates it: the class, each class it is nested in, and
 * that constructor must be public, or package-private with the pipeline in the class's package, and
 * none private. An annotation whose values the class receives needs
 * {@code @Retention(RetentionPolicy.RUNTIME)}.
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Optimizer {
  /** Fully qualified name of the runtime class, a {@code ParameterUpdater}. */
  String implementedBy();
}
