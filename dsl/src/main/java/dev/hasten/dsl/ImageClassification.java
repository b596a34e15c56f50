package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The task: classify images of {@code channels × height × width} into {@code classes} classes. */
@Documented
@Task(provides = {Requirement.IMAGES, Requirement.CLASSIFICATION, Requirement.EXAMPLES})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ImageClassification {
  @Range(min = 1)
  int channels();

  @Range(min = 1)
  int height();

  @Range(min = 1)
  int width();

  @Range(min = 2)
  int classes();
}
