package dev.hasten.runtime.loop;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM as a request, not a kill: the first SIGINT or SIGTERM asks the running loop to
 * finish its step, write a checkpoint and stop; a second one ends the process at once. SIGTERM is
 * what {@code timeout}, {@code docker stop} and Kubernetes send before they kill, so it gets the
 * same chance to save the run as Ctrl-C. Installed by the command line only; a library user's own
 * signal handling is left alone.
 */
public final class Interrupts {
  /** Why a run was asked to stop, and the exit status a shell reports for it. */
  public enum Cause {
    /** Ctrl-C. */
    SIGINT("Ctrl-C", 130),
    /** {@code kill}, {@code timeout}, {@code docker stop}, Kubernetes. */
    SIGTERM("SIGTERM", 143),
    /** The process that started this one (a {@code frontier} sweep) has ended. */
    PARENT_ENDED("the parent process ended", 143);

    private final String description;
    private final int exitStatus;

    Cause(String description, int exitStatus) {
      this.description = description;
      this.exitStatus = exitStatus;
    }

    /** How messages name it, e.g. {@code Ctrl-C}. */
    public String description() {
      return description;
    }

    /** 128 + the signal's number, as shells report a process the signal ended. */
    public int exitStatus() {
      return exitStatus;
    }
  }

  private static final AtomicReference<Cause> REQUESTED = new AtomicReference<>();
  private static final Object INSTALL = new Object();
  private static boolean installed;

  private Interrupts() {}

  /** Installs the SIGINT and SIGTERM handlers once per process. */
  public static void install() {
    synchronized (INSTALL) {
      if (installed) {
        return;
      }
      installed = true;
    }
    Signal.handle(new Signal("INT"), signal -> onSignal(Cause.SIGINT));
    Signal.handle(new Signal("TERM"), signal -> onSignal(Cause.SIGTERM));
  }

  private static void onSignal(Cause cause) {
    if (!request(cause)) {
      Runtime.getRuntime().halt(cause.exitStatus());
    }
    String again = cause == Cause.SIGINT ? "Ctrl-C again" : "send it again";
    System.err.println(
        "\nhasten: "
            + cause.description()
            + ": stopping after this step and writing a checkpoint ("
            + again
            + " to quit now)");
  }

  /**
   * Asks the running loop to stop after its step, as a signal does.
   *
   * @return false if a stop had already been asked for (the first cause is kept)
   */
  public static boolean request(Cause cause) {
    return REQUESTED.compareAndSet(null, cause);
  }

  /** Whether the user has asked the run to stop. */
  static boolean requested() {
    return REQUESTED.get() != null;
  }

  /** What asked the run to stop, if anything did. */
  public static Optional<Cause> cause() {
    return Optional.ofNullable(REQUESTED.get());
  }
}
