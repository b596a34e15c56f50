package dev.hasten.runtime.frontier;

import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.report.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains each run of a sweep in a fresh JVM, through the {@code hasten train} command line, and
 * reads its summary.json back.
 *
 * <p>Why a process per run: the native memory a run leaves behind in libtorch and the C allocator
 * is not all given back when its arrays are closed (measured here: seven 2-epoch runs in one JVM
 * grew to 22 GB), so a sweep of a dozen runs in one process can be killed for memory; and each run
 * should start from the same state, not from the previous run's warm caches. The child gets this
 * JVM's class path and JVM flags, its standard error (progress) and standard output (the summary
 * line) go to this process's. A child never outlives this process: it stops, with a checkpoint,
 * when this one ends, however it ends. A sweep's unfinished run is continued with {@code --resume}
 * when {@link FrontierSweep} asks for it.
 */
public final class ChildProcessTrainer implements FrontierSweep.Trainer {
  /** The train flag that has a child stop when this process ends (see the CLI's ParentWatch). */
  static final String HIDDEN_STOP_WITH_PARENT = "--stop-with-parent";

  private final String mainClass;

  /**
   * @param mainClass the class whose {@code main} is the {@code hasten} command line
   */
  public ChildProcessTrainer(String mainClass) {
    this.mainClass = mainClass;
  }

  @Override
  public RunResult train(Class<?> pipeline, RunOptions options) {
    Path out =
        options
            .out()
            .orElseThrow(() -> new IllegalArgumentException("a sweep run needs an output folder"));
    List<String> command = command(pipeline, options);
    int status;
    try {
      // Standard input stays a pipe this process holds open and never writes: when this process
      // ends, even by SIGKILL, the pipe closes and the child stops (the hidden train flag).
      Process child =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      status = child.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start a JVM for " + pipeline.getSimpleName() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while " + pipeline.getSimpleName() + " trained", e);
    }
    if (status == 2) {
      throw new InvalidInputException(
          "the run of " + pipeline.getSimpleName() + " was refused (its message is above)");
    }
    if (status == 130 || status == 143) {
      throw new InvalidInputException(
          "the run of "
              + pipeline.getSimpleName()
              + " into "
              + out
              + " was stopped after writing a checkpoint; run the same frontier command again to resume the sweep");
    }
    if (status != 0) {
      throw new IllegalStateException(
          "the run of "
              + pipeline.getSimpleName()
              + " into "
              + out
              + " failed with status "
              + status);
    }
    try {
      return Summary.read(out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the run of " + pipeline.getSimpleName() + " left no readable summary in " + out, e);
    }
  }

  /**
   * {@code java <this JVM's flags> -cp <class path> <main> train <pipeline> --epochs … --out …}.
   */
  List<String> command(Class<?> pipeline, RunOptions options) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("train");
    command.add(pipeline.getName());
    command.add("--no-progress");
    command.add(HIDDEN_STOP_WITH_PARENT);
    options.epochs().ifPresent(e -> add(command, "--epochs", e));
    options.out().ifPresent(o -> add(command, "--out", o));
    options.data().ifPresent(d -> add(command, "--data", d));
    options.dataMemory().ifPresent(m -> add(command, "--data-memory", m));
    options.seed().ifPresent(s -> add(command, "--seed", s));
    options.threads().ifPresent(t -> add(command, "--threads", t));
    options.maxSteps().ifPresent(m -> add(command, "--max-steps", m));
    if (options.device() != RunOptions.DeviceChoice.AUTO) {
      add(command, "--device", options.device().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (options.resume()) {
      command.add("--resume");
    }
    return command;
  }

  private static void add(List<String> command, String flag, Object value) {
    command.add(flag);
    command.add(value.toString());
  }
}
