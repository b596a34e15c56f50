package dev.hasten.runtime.checkpoint;

/**
 * A whole, readable checkpoint of another run (other pipeline, seed, batch size, epochs or data):
 * not damaged, but never to be resumed by this one, nor overwritten by starting afresh.
 */
public final class ForeignCheckpointException extends CorruptCheckpointException {
  private static final long serialVersionUID = 1L;

  public ForeignCheckpointException(String message) {
    super(message);
  }
}
