package dev.hasten.dsl.rules;

/** How serious a {@link Problem} is; the processor maps these onto javac's diagnostic kinds. */
public enum Severity {
  /** The pipeline cannot be trained as written; nothing is generated. */
  ERROR,
  /** A known cost or risk the author should see; an error under {@code hasten.warningsAsErrors}. */
  WARNING,
  /** Information, e.g. that a pipeline's own speedup replaced a recipe's. */
  NOTE
}
