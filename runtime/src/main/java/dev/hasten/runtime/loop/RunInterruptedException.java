package dev.hasten.runtime.loop;

import java.nio.file.Path;

/**
 * The run was asked to stop (Ctrl-C, SIGTERM, or the end of the process that started it) and
 * stopped after a step; a checkpoint was written first.
 */
public final class RunInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path outDir;
  private final Interrupts.Cause cause;

  public RunInterruptedException(long step, Path outDir) {
    this(step, outDir, Interrupts.cause().orElse(Interrupts.Cause.SIGINT));
  }

  public RunInterruptedException(long step, Path outDir, Interrupts.Cause cause) {
    super(
        "interrupted ("
            + cause.description()
            + ") after step "
            + step
            + "; a checkpoint is saved in "
            + outDir.resolve("checkpoints"));
    this.outDir = outDir;
    this.cause = cause;
  }

  /** The run's output folder, which {@code --resume} continues from. */
  public Path outDir() {
    return outDir;
  }

  /** What stopped the run; its exit status is the command's. */
  public Interrupts.Cause stopCause() {
    return cause;
  }
}
