package dev.hasten.runtime.checkpoint;

/**
 * A checkpoint that is not damaged but not this run's to resume: of another run (other pipeline,
 * seed, batch size, epochs or data), or of another checkpoint format version. Never resumed by this
 * run, nor overwritten by starting afresh.
 */
public final class ForeignCheckpointException extends CorruptCheckpointException {
  private static final long serialVersionUID = 1L;

  public ForeignCheckpointException(String message) {
    super(message);
  }
}
