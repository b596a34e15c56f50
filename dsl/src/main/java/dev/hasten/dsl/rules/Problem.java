package dev.hasten.dsl.rules;

import java.util.Objects;

/**
 * One finding of the rules.
 *
 * @param severity how serious it is
 * @param message a plain sentence naming the annotations and values involved
 * @param source the opaque handle of the model object the problem is about
 * @param member the annotation member whose value is at fault, or {@code null} when the problem is
 *     about the whole annotation or element
 */
public record Problem(Severity severity, String message, Object source, String member) {
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  static Problem error(String message, Object source, String member) {
    return new Problem(Severity.ERROR, message, source, member);
  }

  static Problem error(String message, Object source) {
    return error(message, source, null);
  }

  static Problem warning(String message, Object source) {
    return new Problem(Severity.WARNING, message, source, null);
  }

  static Problem note(String message, Object source) {
    return new Problem(Severity.NOTE, message, source, null);
  }
}
