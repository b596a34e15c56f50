package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-value check on a speedup: the named members must add up to at most {@link #max()}. The
 * error is reported on the last of the members written.
 */
@Documented
@Repeatable(SumAtMost.List.class)
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SumAtMost {
  String[] members();

  double max();

  /** Container for repeated {@link SumAtMost}. */
  @Documented
  @Target(ElementType.ANNOTATION_TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @interface List {
    SumAtMost[] value();
  }
}
