package dev.hasten.dsl;

/**
 * What a speedup needs from the pipeline. Model traits are checked against {@link Model#traits()}.
 */
public enum Requirement {
  IMAGES,
  CLASSIFICATION,
  CONV2D,
  BATCH_NORM,
  MAX_POOL,
  RESIDUAL,
  GLOBAL_POOL,
  DROPOUT,
  /** Only pays off on an accelerator; checked at run time, since the device is only known then. */
  GPU;

  /** The model trait this requirement asks for, or {@code null} if it is not a trait. */
  public Trait trait() {
    switch (this) {
      case CONV2D:
        return Trait.CONV2D;
      case BATCH_NORM:
        return Trait.BATCH_NORM;
      case MAX_POOL:
        return Trait.MAX_POOL;
      case RESIDUAL:
        return Trait.RESIDUAL;
      case GLOBAL_POOL:
        return Trait.GLOBAL_POOL;
      case DROPOUT:
        return Trait.DROPOUT;
      default:
        return null;
    }
  }
}
