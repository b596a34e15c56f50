package dev.hasten.runtime.export;

import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.runtime.export.ModelDescription.SurgeryStep;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model surgeries a pipeline's run applied, read from the pipeline class: its speedups in
 * effect ({@link PipelineSpeedups}) that act at {@code MODEL_SURGERY}, in the loop's order.
 */
final class PipelineSurgery {
  private PipelineSurgery() {}

  /**
   * @param pipeline the pipeline class
   */
  static List<SurgeryStep> of(Class<?> pipeline) {
    List<SurgeryStep> steps = new ArrayList<>();
    for (Annotation a : PipelineSpeedups.of(pipeline).annotations()) {
      Speedup speedup = a.annotationType().getAnnotation(Speedup.class);
      if (Arrays.asList(speedup.stages()).contains(Stage.MODEL_SURGERY)) {
        steps.add(new SurgeryStep(a.annotationType().getName(), AnnotationValues.toJson(a)));
      }
    }
    return steps;
  }
}
