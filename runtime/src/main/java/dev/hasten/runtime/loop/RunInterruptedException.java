package dev.hasten.runtime.loop;

import java.nio.file.Path;

/** The user interrupted a run (Ctrl-C); a checkpoint was written first. */
public final class RunInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path outDir;

  public RunInterruptedException(long step, Path outDir) {
    super("interrupted after step " + step + "; a checkpoint is saved in " + outDir.resolve("checkpoints"));
    this.outDir = outDir;
  }

  /** The run's output folder, which {@code --resume} continues from. */
  public Path outDir() {
    return outDir;
  }
}
