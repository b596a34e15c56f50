package dev.hasten.dsl;

/** How a speedup saves compute. */
public enum Effect {
  /** Better sample efficiency: fewer steps reach the same quality. */
  FEWER_STEPS,
  /** Lower cost per step. */
  CHEAPER_STEPS,
  BOTH
}
