package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation that makes an annotation type a learning-rate schedule; a pipeline carries at
 * most one (without one it trains with {@link CosineLr}'s defaults, see {@link Defaults}). Built-in
 * and user-defined schedules are declared the same way and checked by the same rules as speedups.
 *
 * <p>The runtime class named by {@link #implementedBy()} must implement {@code
 * dev.hasten.runtime.optim.LrSchedule} and have a constructor taking the schedule annotation (the
 * generated module passes it the pipeline's, values and all), or one without parameters. It must be
 * reachable from the pipeline's package as for {@link Optimizer}, and an annotation whose values
 * the class receives needs {@code @Retention(RetentionPolicy.RUNTIME)}.
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Schedule {
  /** Fully qualified name of the runtime class, an {@code LrSchedule}. */
  String implementedBy();
}
