package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Adam with decoupled weight decay, PyTorch's rule ({@code torch.optim.AdamW}) and defaults. */
@Documented
@Optimizer(implementedBy = "dev.hasten.runtime.optim.AdamWOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdamW {
  @Range(min = 0, minInclusive = false)
  double lr() default 1e-3;

  @Range(min = 0, max = 1, maxInclusive = false)
  double beta1() default 0.9;

  @Range(min = 0, max = 1, maxInclusive = false)
  double beta2() default 0.999;

  @Range(min = 0)
  double weightDecay() default 0.01;
}
