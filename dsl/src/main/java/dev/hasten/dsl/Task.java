package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Meta-annotation for task annotations; a pipeline carries exactly one task. */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Task {
  /**
   * The speedup requirements this task meets, e.g. {@code IMAGES} and {@code CLASSIFICATION} for
   * image classification. Declared here so that no rule special-cases a task by name.
   */
  Requirement[] provides() default {};
}
