package dev.hasten.runtime.checkpoint;

import dev.hasten.runtime.InvalidInputException;

/** A checkpoint file that cannot be used: truncated, damaged, of another format or pipeline. */
public class CorruptCheckpointException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(String message) {
    super(message);
  }
}
