package dev.hasten.processor;

import com.palantir.javapoet.ClassName;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.rules.AnnotationUse;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need for one valid pipeline, resolved to JavaPoet names and javax
 * elements: the writers only format it.
 *
 * @param element the pipeline class (the generated files' originating element)
 * @param pipeline its name in code
 * @param pipelineName its canonical name, for {@code RunSpec}
 * @param module the generated module's name
 * @param trainer the generated trainer's name
 * @param pipelineValues {@code @Pipeline} with defaults
 * @param task the task annotation with its values
 * @param traits the declared model traits, in the order written
 * @param optimizer the pipeline's optimizer, or the default one when it names none
 * @param schedule the pipeline's schedule, or the default one when it names none
 * @param model the {@code @Model} method
 * @param train the {@code @TrainData} method
 * @param eval the {@code @EvalData} method, or {@code null}
 * @param speedups the speedups in effect, in loop order
 */
record TrainerPlan(
    TypeElement element,
    ClassName pipeline,
    String pipelineName,
    ClassName module,
    ClassName trainer,
    AnnotationUse pipelineValues,
    AnnotationUse task,
    List<Trait> traits,
    RunPartPlan optimizer,
    RunPartPlan schedule,
    ExecutableElement model,
    ExecutableElement train,
    ExecutableElement eval,
    List<SpeedupPlan> speedups) {

  /** Speedups whose state a checkpoint must keep, in loop order. */
  List<SpeedupPlan> stateful() {
    return speedups.stream().filter(SpeedupPlan::stateful).toList();
  }

  /** Speedups acting at {@code stage}, in loop order. */
  List<SpeedupPlan> at(Stage stage) {
    return speedups.stream().filter(s -> s.stages().contains(stage)).toList();
  }

  /**
   * An optimizer or schedule as the generated module creates it.
   *
   * @param runtimeClass the class that implements it
   * @param annotation the annotation type
   * @param holder the class the annotation is read from: the pipeline, or {@code
   *     dev.hasten.dsl.Defaults}
   * @param takesAnnotation whether the runtime class is constructed with the annotation
   */
  record RunPartPlan(
      ClassName runtimeClass, ClassName annotation, ClassName holder, boolean takesAnnotation) {}

  /**
   * One speedup as generated code sees it.
   *
   * @param name the trainer field and module method that hold it
   * @param simpleName the annotation's simple name, for {@code RunSpec.speedups()}
   * @param runtimeClass the class that implements it
   * @param annotation the annotation type
   * @param holder the class the annotation is read from: the pipeline, or the recipe
   * @param takesAnnotation whether the runtime class is constructed with the annotation
   * @param injected what its constructor takes after the annotation (run parts), in order
   * @param named whether its binding carries {@code @Named(name)}: needed only when two speedups
   *     share a runtime class, since Guice allows one unqualified binding per type
   * @param stages where it acts
   * @param stateful whether its runtime class implements {@code Stateful}, so that checkpoints keep
   *     its state
   */
  record SpeedupPlan(
      String name,
      String simpleName,
      ClassName runtimeClass,
      ClassName annotation,
      ClassName holder,
      boolean takesAnnotation,
      List<ClassName> injected,
      boolean named,
      List<Stage> stages,
      boolean stateful) {}
}
