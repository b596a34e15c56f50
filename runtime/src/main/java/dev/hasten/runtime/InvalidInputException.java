package dev.hasten.runtime;

/**
 * A problem with what the user gave: a flag, a data file, a checkpoint, a pipeline name. The
 * command line prints its message as one line and exits with status 2, without a stack trace, so
 * the message must name the problem and, where it can, the fix.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
