package dev.hasten.dsl.rules;

/** What a pipeline's member method provides, and the type it must return for that. */
public enum Role {
  MODEL("Model", "ai.djl.nn.Block"),
  TRAIN("TrainData", "ai.djl.training.dataset.Dataset"),
  EVAL("EvalData", "ai.djl.training.dataset.Dataset");

  private final String annotation;
  private final String requiredType;

  Role(String annotation, String requiredType) {
    this.annotation = annotation;
    this.requiredType = requiredType;
  }

  /** The simple name of the annotation that marks the method, e.g. {@code "Model"}. */
  public String annotation() {
    return annotation;
  }

  /** The type the method must return (or a subtype of it). */
  public String requiredType() {
    return requiredType;
  }
}
