package dev.hasten.dsl;

/**
 * How {@code @Swa} moves the learning rate from the pipeline's to its own over its anneal steps:
 * the share {@code α} of the SWA rate after a fraction {@code t} of them.
 */
public enum AnnealStrategy {
  /** {@code α = t}. */
  LINEAR,
  /** {@code α = (1 − cos(π·t)) / 2}: slow at both ends. */
  COSINE
}
