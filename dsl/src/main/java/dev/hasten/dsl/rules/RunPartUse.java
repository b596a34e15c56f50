package dev.hasten.dsl.rules;

/**
 * An optimizer or schedule annotation on a pipeline.
 *
 * @param declaration what its type declares
 * @param annotation the annotation with its values, written on the pipeline
 */
public record RunPartUse(RunPartDeclaration declaration, AnnotationUse annotation) {
  /** Where the pipeline names it. */
  public Object site() {
    return annotation.source();
  }
}
