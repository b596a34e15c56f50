package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation that makes an annotation type a speedup. Built-in and user-defined speedups are
 * declared the same way and validated by the same rules; nothing is special-cased by name.
 *
 * <p>The runtime class named by {@link #implementedBy()} must have a constructor taking the speedup
 * annotation (or no arguments) and implement the stage interface of each of its {@link #stages()}
 * (see {@link Stage#interfaceName()}). After the annotation, the constructor may also take the
 * run's {@code dev.hasten.runtime.optim.ParameterUpdater} and {@code LrSchedule} (the very objects
 * the run uses), for a method that must know the learning rate.
 *
 * <p>The generated code, in the pipeline's package, creates the class: the class, each class it is
 * nested in, and that constructor must be public, or package-private with the pipeline in the
 * class's package, and none private; a class another package cannot reach is refused where a
 * pipeline of that package uses it.
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Speedup {
  /** Fully qualified name of the runtime class that implements the method. */
  String implementedBy();

  Component component();

  Effect effect();

  Requirement[] requires() default {};

  /**
   * Alternatives: the pipeline must meet at least one of these, e.g. {@code {CONV2D, MAX_POOL}} for
   * a method that rewrites either kind of layer. Empty means no such condition.
   */
  Requirement[] requiresAnyOf() default {};

  /** Named slots only one speedup in a pipeline may hold, e.g. {@code "input-mixing"}. */
  String[] exclusive() default {};

  /** Where the method acts in the generated loop; one call per stage, in stage order. */
  Stage[] stages();

  /** A known cost, reported as a compile warning whenever the speedup is used. */
  String cost() default "";

  /** One line saying what the method does, for {@code hasten methods}. */
  String summary() default "";
}
