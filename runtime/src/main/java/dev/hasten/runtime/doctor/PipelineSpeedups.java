package dev.hasten.runtime.doctor;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The speedup annotation types a pipeline class carries, written on it or through its recipes, read
 * by reflection; the doctor names each stage's speedups and leaves them out of its suggestions.
 */
final class PipelineSpeedups {
  private final List<Class<? extends Annotation>> types;

  private PipelineSpeedups(List<Class<? extends Annotation>> types) {
    this.types = types;
  }

  static PipelineSpeedups of(Class<?> pipeline) {
    Set<Class<? extends Annotation>> found = new LinkedHashSet<>();
    collect(pipeline.getAnnotations(), found, new LinkedHashSet<>());
    return new PipelineSpeedups(List.copyOf(found));
  }

  private static void collect(
      Annotation[] annotations, Set<Class<? extends Annotation>> into, Set<Class<?>> recipesSeen) {
    for (Annotation a : annotations) {
      Class<? extends Annotation> type = a.annotationType();
      if (type.isAnnotationPresent(Speedup.class)) {
        into.add(type);
      } else if (type.isAnnotationPresent(Recipe.class) && recipesSeen.add(type)) {
        collect(type.getAnnotations(), into, recipesSeen);
      }
    }
  }

  List<Class<? extends Annotation>> types() {
    return types;
  }

  boolean contains(Class<? extends Annotation> type) {
    return types.contains(type);
  }

  /** Simple names of the speedups acting at {@code stage}, in declaration order. */
  List<String> at(Stage stage) {
    List<String> names = new ArrayList<>();
    for (Class<? extends Annotation> type : types) {
      for (Stage s : type.getAnnotation(Speedup.class).stages()) {
        if (s == stage) {
          names.add(type.getSimpleName());
        }
      }
    }
    return names;
  }
}
