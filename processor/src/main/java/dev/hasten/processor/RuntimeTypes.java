package dev.hasten.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime, Guice and DJL types the generated code names. The processor never links against the
 * runtime; these names are the contract with it.
 */
final class RuntimeTypes {
  static final ClassName PIPELINE_TRAINER =
      ClassName.get("dev.hasten.runtime.loop", "PipelineTrainer");
  static final ClassName RUN = ClassName.get("dev.hasten.runtime.loop", "Run");
  static final ClassName RUNS = ClassName.get("dev.hasten.runtime.loop", "Runs");
  static final ClassName RUN_SPEC = ClassName.get("dev.hasten.runtime.loop", "RunSpec");
  static final ClassName STATEFUL = ClassName.get("dev.hasten.runtime.loop", "Stateful");
  static final ClassName STEP = ClassName.get("dev.hasten.runtime.loop", "Step");
  static final ClassName RUN_RESULT = ClassName.get("dev.hasten.runtime", "RunResult");
  static final ClassName PARAMETER_UPDATER =
      ClassName.get("dev.hasten.runtime.optim", "ParameterUpdater");
  static final ClassName LR_SCHEDULE = ClassName.get("dev.hasten.runtime.optim", "LrSchedule");

  /**
   * What a speedup's runtime class may ask for in its constructor after its annotation: the run
   * parts the generated module binds as singletons, the same objects the trainer gets. (Not {@code
   * RunSpec}: the module's is the pipeline's, before the command line's overrides.)
   */
  static final java.util.Set<String> INJECTABLE =
      java.util.Set.of(PARAMETER_UPDATER.canonicalName(), LR_SCHEDULE.canonicalName());

  static final ClassName TRAIT = ClassName.get("dev.hasten.dsl", "Trait");

  static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
  static final ClassName DATASET = ClassName.get("ai.djl.training.dataset", "Dataset");
  static final ClassName GRADIENT_COLLECTOR = ClassName.get("ai.djl.training", "GradientCollector");

  static final ClassName ABSTRACT_MODULE = ClassName.get("com.google.inject", "AbstractModule");
  static final ClassName PROVIDES = ClassName.get("com.google.inject", "Provides");
  static final ClassName SINGLETON = ClassName.get("com.google.inject", "Singleton");
  static final ClassName INJECT = ClassName.get("com.google.inject", "Inject");
  static final ClassName NAMED = ClassName.get("com.google.inject.name", "Named");

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private RuntimeTypes() {}
}
