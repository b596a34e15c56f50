package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-value check on a speedup: the named int member must divide the pipeline's {@code batchSize}
 * (e.g. a ghost batch size). Reported on that member's value.
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DividesBatchSize {
  String value();
}
