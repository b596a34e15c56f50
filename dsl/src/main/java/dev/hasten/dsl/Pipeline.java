package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a training pipeline. The processor validates it and generates {@code
 * <Name>Trainer} and {@code <Name>Module} beside it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Pipeline {
  /** Training epochs; every fraction of the run (schedules, speedups) is relative to them. */
  @Range(min = 1)
  int epochs();

  /** Examples per optimizer step. */
  @Range(min = 1)
  int batchSize() default 128;

  /** Seeds initialisation, data order and every speedup's randomness. */
  long seed() default 42;
}
