package dev.hasten.dsl;

/**
 * How {@code @StochasticDepth} spreads its drop rate over the residual blocks, in order from the
 * input to the output.
 */
public enum DropDistribution {
  /**
   * Block {@code l} of {@code L} drops with probability {@code dropRate · l / L}: early blocks,
   * whose features every later block builds on, are kept more often (Huang et al. 2016).
   */
  LINEAR,
  /** Every residual block drops with probability {@code dropRate}. */
  UNIFORM
}
