package dev.hasten.runtime.cli;

import dev.hasten.runtime.loop.Interrupts;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child run when the process that started it ends, however it ended. {@code frontier} starts
 * each run in a JVM of its own with a pipe on the child's standard input and writes nothing into
 * it; the operating system closes the pipe when the parent exits, also on SIGKILL, so end-of-file
 * on standard input means the parent is gone. The run then stops as on SIGTERM, with a checkpoint
 * that the next {@code frontier} resumes from, and if it cannot stop in time (it is still loading
 * data, say) the process is halted.
 */
final class ParentWatch {
  /** The hidden {@code train} flag that asks for the watch. */
  static final String FLAG = "--stop-with-parent";

  /** Time to finish the step and write the checkpoint before the process is halted. */
  private static final long GRACE_MILLIS = 60_000;

  private ParentWatch() {}

  /** Watches standard input on a daemon thread. */
  static void start() {
    Thread watch = new Thread(ParentWatch::watch, "hasten-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static void watch() {
    InputStream in = System.in;
    byte[] sink = new byte[256];
    try {
      while (in.read(sink) >= 0) {
        // Whatever a parent writes is ignored; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe means the same as its end.
    }
    if (Interrupts.request(Interrupts.Cause.PARENT_ENDED)) {
      System.err.println(
          "hasten: the process that started this run has ended: stopping after this step and"
              + " writing a checkpoint");
    }
    try {
      Thread.sleep(GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(Interrupts.Cause.PARENT_ENDED.exitStatus());
  }
}
