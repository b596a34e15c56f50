package test;

import dev.hasten.dsl.Optimizer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An optimizer annotation the runtime has no class for. */
@Optimizer
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Lion {
  double lr() default 1e-4;
}
