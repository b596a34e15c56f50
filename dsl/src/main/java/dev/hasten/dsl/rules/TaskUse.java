package dev.hasten.dsl.rules;

import dev.hasten.dsl.Requirement;
import java.util.List;

/**
 * A task annotation on the pipeline (one meta-annotated {@code @Task}).
 *
 * @param annotation the annotation and its values
 * @param provides the requirements the task meets, from {@code @Task(provides)}
 */
public record TaskUse(AnnotationUse annotation, List<Requirement> provides) {
  public TaskUse {
    provides = List.copyOf(provides);
  }
}
