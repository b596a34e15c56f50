package dev.hasten.runtime.export;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.runtime.export.ModelDescription.SurgeryStep;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model surgeries a pipeline's run applied, read from the pipeline class: its speedup
 * annotations acting at {@code MODEL_SURGERY}, written on it or brought by its recipes (one written
 * on the pipeline replaces the recipe's, as the processor has it), in the loop's order.
 */
final class PipelineSurgery {
  private PipelineSurgery() {}

  /**
   * @param pipeline the pipeline class
   * @param loopOrder the simple names of the run's speedups, in loop order
   */
  static List<SurgeryStep> of(Class<?> pipeline, List<String> loopOrder) {
    List<Annotation> surgery = new ArrayList<>();
    for (Annotation a : speedups(pipeline)) {
      Speedup speedup = a.annotationType().getAnnotation(Speedup.class);
      if (Arrays.asList(speedup.stages()).contains(Stage.MODEL_SURGERY)) {
        surgery.add(a);
      }
    }
    surgery.sort(
        (x, y) ->
            Integer.compare(
                loopOrder.indexOf(x.annotationType().getSimpleName()),
                loopOrder.indexOf(y.annotationType().getSimpleName())));
    List<SurgeryStep> steps = new ArrayList<>();
    for (Annotation a : surgery) {
      steps.add(new SurgeryStep(a.annotationType().getName(), AnnotationValues.toJson(a)));
    }
    return steps;
  }

  /** The speedup annotations in effect on {@code pipeline}, its own replacing its recipes'. */
  static List<Annotation> speedups(Class<?> pipeline) {
    Map<Class<? extends Annotation>, Annotation> found = new LinkedHashMap<>();
    for (Annotation a : pipeline.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(Recipe.class)) {
        for (Annotation inRecipe : a.annotationType().getAnnotations()) {
          found.putIfAbsent(inRecipe.annotationType(), inRecipe);
        }
      }
    }
    for (Annotation a : pipeline.getAnnotations()) {
      found.put(a.annotationType(), a);
    }
    List<Annotation> speedups = new ArrayList<>();
    for (Annotation a : found.values()) {
      if (a.annotationType().isAnnotationPresent(Speedup.class)) {
        speedups.add(a);
      }
    }
    return speedups;
  }
}
