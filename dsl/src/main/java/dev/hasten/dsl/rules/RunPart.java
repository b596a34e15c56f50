package dev.hasten.dsl.rules;

/** The run parts a pipeline names by annotation besides its speedups, and what each must be. */
public enum RunPart {
  OPTIMIZER("optimizer", "dev.hasten.dsl.Optimizer", "dev.hasten.runtime.optim.ParameterUpdater"),
  SCHEDULE("schedule", "dev.hasten.dsl.Schedule", "dev.hasten.runtime.optim.LrSchedule");

  private final String noun;
  private final String metaAnnotation;
  private final String interfaceName;

  RunPart(String noun, String metaAnnotation, String interfaceName) {
    this.noun = noun;
    this.metaAnnotation = metaAnnotation;
    this.interfaceName = interfaceName;
  }

  /** {@code "optimizer"}, for messages. */
  public String noun() {
    return noun;
  }

  /** The meta-annotation that declares such an annotation type, e.g. {@code @Optimizer}. */
  public String metaAnnotation() {
    return metaAnnotation;
  }

  /** The runtime interface its {@code implementedBy} class must implement. */
  public String interfaceName() {
    return interfaceName;
  }
}
