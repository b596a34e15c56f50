package dev.hasten.dsl;

/** What {@code @StochasticDepth} drops in a training step (Composer's stochastic_method). */
public enum DropGranularity {
  /**
   * A residual branch, for the whole batch: a dropped branch is not computed, so the step is
   * cheaper (Huang et al. 2016).
   */
  BLOCK,
  /**
   * A residual branch, for each example on its own: every branch is computed and each example's
   * output is zeroed with the drop probability, so steps cost the same (as in the vision
   * transformers that use it, Touvron et al. 2021).
   */
  SAMPLE
}
