package dev.hasten.runtime.cli;

import java.util.Locale;

/**
 * The one line the command line prints when the Java heap runs out: how big the heap is and the
 * flag that raises it, instead of an {@link OutOfMemoryError}'s stack trace.
 */
final class OutOfMemory {
  private OutOfMemory() {}

  /** The {@link OutOfMemoryError} among {@code e} and its causes, or null. */
  static OutOfMemoryError in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return (OutOfMemoryError) t;
      }
    }
    return null;
  }

  /**
   * E.g. {@code hasten: out of memory: the Java heap is full at its limit of 64 MiB; raise the
   * limit with -Xmx, e.g. HASTEN_JAVA_OPTS=-Xmx128m ./hasten …}.
   */
  static String message() {
    long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
    return String.format(
        Locale.ROOT,
        "hasten: out of memory: the Java heap is full at its limit of %d MiB; raise the limit with"
            + " -Xmx, e.g. HASTEN_JAVA_OPTS=-Xmx%dm ./hasten …",
        maxMiB,
        Math.max(2 * maxMiB, 1024));
  }
}
