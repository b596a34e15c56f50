package dev.hasten.dsl.rules;

import dev.hasten.dsl.Trait;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline and its speedups, as plain values: what the rules check and what the generated code is
 * built from.
 *
 * @param type the annotated class
 * @param pipeline its {@code @Pipeline} (epochs, batchSize, seed)
 * @param tasks its task annotations, in the order written
 * @param optimizers its optimizer annotations ({@code @Optimizer} meta), in the order written
 * @param schedules its schedule annotations ({@code @Schedule} meta), in the order written
 * @param methods its {@code @Model}, {@code @TrainData} and {@code @EvalData} methods
 * @param traits the traits declared by {@code @Model(traits)}, in the order written
 * @param speedups every speedup use: the recipes' in recipe order, then the pipeline's own in the
 *     order written (replaced and duplicated ones included; see {@link Speedups#effective})
 */
public record PipelineModel(
    PipelineClass type,
    AnnotationUse pipeline,
    List<TaskUse> tasks,
    List<RunPartUse> optimizers,
    List<RunPartUse> schedules,
    List<MemberMethod> methods,
    List<Trait> traits,
    List<SpeedupUse> speedups) {
  public PipelineModel {
    tasks = List.copyOf(tasks);
    optimizers = List.copyOf(optimizers);
    schedules = List.copyOf(schedules);
    methods = List.copyOf(methods);
    traits = List.copyOf(traits);
    speedups = List.copyOf(speedups);
  }

  public List<MemberMethod> methods(Role role) {
    return methods.stream().filter(m -> m.role() == role).toList();
  }

  /** Every annotation whose members may carry {@code @Range}: the pipeline's and the speedups'. */
  public List<AnnotationUse> annotations() {
    List<AnnotationUse> all = new ArrayList<>();
    all.add(pipeline);
    tasks.forEach(t -> all.add(t.annotation()));
    optimizers.forEach(o -> all.add(o.annotation()));
    schedules.forEach(s -> all.add(s.annotation()));
    speedups.forEach(s -> all.add(s.annotation()));
    return all;
  }
}
