package dev.hasten.runtime.loop;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Ctrl-C as a request, not a kill: the first SIGINT asks the running loop to finish its step,
 * write a checkpoint and stop; a second one ends the process at once. Installed by the command
 * line only; a library user's own signal handling is left alone.
 */
public final class Interrupts {
  private static final AtomicBoolean REQUESTED = new AtomicBoolean();
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private Interrupts() {}

  /** Installs the SIGINT handler once per process. */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    Signal.handle(
        new Signal("INT"),
        signal -> {
          if (!REQUESTED.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(130);
          }
          System.err.println(
              "\nhasten: stopping after this step and writing a checkpoint (Ctrl-C again to quit now)");
        });
  }

  /** Whether the user has asked the run to stop. */
  static boolean requested() {
    return REQUESTED.get();
  }
}
