package dev.hasten.dsl;

/**
 * What a speedup needs from the pipeline. Model traits are checked against {@link Model#traits()}.
 */
public enum Requirement {
  /** Inputs are images, {@code [channels, height, width]} each. */
  IMAGES,
  /** Targets are classes, one per example or one per position (a language model's next token). */
  CLASSIFICATION,
  /**
   * A fixed set of training examples, each addressed by its position in the split, e.g. the images
   * of a data set; a language model's training windows are drawn afresh at random each step and are
   * not.
   */
  EXAMPLES,
  /** Inputs are sequences of tokens, {@code [sequenceLength]} each. */
  SEQUENCES,
  CONV2D,
  BATCH_NORM,
  MAX_POOL,
  RESIDUAL,
  GLOBAL_POOL,
  DROPOUT,
  ATTENTION,
  LAYER_NORM,
  FEED_FORWARD,
  /** Only pays off on an accelerator; checked at run time, since the device is only known then. */
  GPU;

  /**
   * The requirement in words for a message, e.g. {@code "image inputs (IMAGES)"}: what the task
   * must provide, so that a user who reads why a speedup does not apply needs no glossary. Model
   * traits and GPU are named as they are written.
   */
  public String describe() {
    switch (this) {
      case IMAGES:
        return "image inputs (IMAGES)";
      case CLASSIFICATION:
        return "class targets (CLASSIFICATION)";
      case EXAMPLES:
        return "a fixed set of training examples (EXAMPLES)";
      case SEQUENCES:
        return "token sequences as inputs (SEQUENCES)";
      default:
        return name();
    }
  }

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
      case ATTENTION:
        return Trait.ATTENTION;
      case LAYER_NORM:
        return Trait.LAYER_NORM;
      case FEED_FORWARD:
        return Trait.FEED_FORWARD;
      default:
        return null;
    }
  }
}
