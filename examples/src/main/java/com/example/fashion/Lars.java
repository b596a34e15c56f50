package com.example.fashion;

import dev.hasten.dsl.Optimizer;
import dev.hasten.dsl.Range;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An optimizer of this project's own: LARS, layer-wise adaptive rate scaling (You, Gitman and
 * Ginsburg, "Large Batch Training of Convolutional Networks", 2017). Declared like Hasten's
 * {@code @Sgd}: this annotation names its runtime class, {@link LarsOptimizer}, and the processor
 * checks both by the rules it applies to the built-in ones.
 */
@Optimizer(implementedBy = "com.example.fashion.LarsOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Lars {
  /** The global learning rate at the schedule's peak. */
  @Range(min = 0, minInclusive = false)
  double lr() default 1.0;

  /** The trust coefficient η of the layer-wise rate. */
  @Range(min = 0, minInclusive = false)
  double trust() default 0.001;

  /** L2 weight decay β, added to the gradient and to the local rate's denominator. */
  @Range(min = 0)
  double weightDecay() default 0;
}
