package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stochastic gradient descent with PyTorch's update rule ({@code torch.optim.SGD}): {@code g +=
 * wd·w; b = m·b + g; w -= lr·(nesterov ? g + m·b : b)}. The default optimizer.
 */
@Documented
@Optimizer(implementedBy = "dev.hasten.runtime.optim.SgdOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Sgd {
  @Range(min = 0, minInclusive = false)
  double lr() default 0.05;

  @Range(min = 0, max = 1, maxInclusive = false)
  double momentum() default 0.9;

  boolean nesterov() default false;

  @Range(min = 0)
  double weightDecay() default 5e-4;
}
