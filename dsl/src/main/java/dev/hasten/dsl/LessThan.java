package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cross-value check on a speedup: member {@link #lower()} must be strictly less than member {@link
 * #upper()}, e.g. a start fraction before an end fraction. Reported on {@code upper}.
 */
@Documented
@Repeatable(LessThan.List.class)
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LessThan {
  String lower();

  String upper();

  /** Container for repeated {@link LessThan}. */
  @Documented
  @Target(ElementType.ANNOTATION_TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @interface List {
    LessThan[] value();
  }
}
