package dev.hasten.dsl;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that this speedup breaks when combined with another. Either side may declare it; the
 * compiler reports the later of the two annotations.
 */
@Documented
@Repeatable(ConflictsWith.List.class)
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConflictsWith {
  Class<? extends Annotation> value();

  /** Why the pair breaks; shown in the compile error. */
  String reason();

  /** Container for repeated {@link ConflictsWith}. */
  @Documented
  @Target(ElementType.ANNOTATION_TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @interface List {
    ConflictsWith[] value();
  }
}
