package dev.hasten.runtime.cli;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.loop.Interrupts;
import dev.hasten.runtime.loop.RunInterruptedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code hasten} command. Exit status: 0 on success; 2 on a usage or input error, a full disk
 * or a full Java heap, with one line on stderr naming the problem; 130 after Ctrl-C and 143 after
 * SIGTERM (a checkpoint is written first, and the line says how to resume); 1 on anything else.
 */
@Command(
    name = "hasten",
    mixinStandardHelpOptions = true,
    version = "hasten 0.1.0",
    description = "Compute-efficient training with compile-time checked speedups.",
    subcommands = {
      HastenCli.Train.class,
      HastenCli.Methods.class,
      FrontierCommand.class,
      DoctorCommand.class,
      ExportCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      GenerateCommand.class
    })
public final class HastenCli implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status (for tests, without exiting). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new HastenCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof RunInterruptedException) {
            RunInterruptedException stop = (RunInterruptedException) e;
            err.println(
                "hasten: "
                    + e.getMessage()
                    + "; continue with: "
                    + ResumeHint.command(parseResult, stop.outDir()));
            return stop.stopCause().exitStatus();
          }
          if (e instanceof InvalidInputException) {
            err.println("hasten: " + e.getMessage());
            return BAD_INPUT;
          }
          OutOfMemoryError outOfMemory = OutOfMemory.in(e);
          if (outOfMemory != null) {
            err.println(OutOfMemory.message());
            return BAD_INPUT;
          }
          err.println("hasten: failed: " + e);
          e.printStackTrace(err);
          return FAILED;
        });
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println(
              "hasten: "
                  + e.getMessage()
                  + " (see 'hasten "
                  + commandPath(e.getCommandLine())
                  + "--help')");
          return BAD_INPUT;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands Exceptions to the handler above but lets Errors through. The arrays that
      // filled the heap are unreachable by now, so there is room to say so.
      cli.getErr().println(OutOfMemory.message());
      cli.getErr().flush();
      return BAD_INPUT;
    }
  }

  private static String commandPath(CommandLine c) {
    String path = c.getCommandSpec().qualifiedName(" ");
    return path.startsWith("hasten") ? path.substring("hasten".length()).trim() + " " : "";
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return BAD_INPUT;
  }

  /** {@code hasten train <Pipeline> [options]}. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Train a pipeline and print its summary.")
  static final class Train implements Callable<Integer> {
    @Parameters(paramLabel = "<PipelineClass>", description = "fully qualified or simple name")
    String pipeline;

    @Option(names = "--epochs", paramLabel = "N", description = "override the pipeline's epochs")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "stop after N steps in all")
    Long maxSteps;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        converter = OutFolder.class,
        description = "output folder (default runs/<pipeline>-<time>)")
    Path out;

    @Option(names = "--resume", description = "continue from the newest checkpoint in --out")
    boolean resume;

    @Option(
        names = "--checkpoint-every",
        paramLabel = "N",
        description = "also checkpoint every N steps (always at each epoch's end)")
    Long checkpointEvery;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description =
            "folder with the four Fashion-MNIST IDX .gz files, or an image folder (<class>/<image>)"
                + " for pipelines that read images; refused for a language model, whose data"
                + " methods choose its text")
    Path data;

    @Option(names = "--data-memory", paramLabel = "SIZE", description = RunFlags.DATA_MEMORY)
    String dataMemory;

    @Option(
        names = "--device",
        paramLabel = "cpu|gpu",
        description = "training device (default: a GPU if DJL sees one)")
    String device;

    @Option(names = "--seed", paramLabel = "N", description = "override the pipeline's seed")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads")
    Integer threads;

    @Option(
        names = "--no-progress",
        description = "print a line per epoch instead of a progress bar")
    boolean noProgress;

    @Option(
        names = ParentWatch.FLAG,
        hidden = true,
        description = "stop with a checkpoint when standard input closes (frontier's children)")
    boolean stopWithParent;

    @Override
    public Integer call() {
      RunOptions options =
          RunOptions.defaults().withProgressBar(!noProgress && System.console() != null);
      if (epochs != null) {
        options = options.withEpochs(epochs);
      }
      if (maxSteps != null) {
        options = options.withMaxSteps(maxSteps);
      }
      if (out != null) {
        options = options.withOut(out);
      }
      if (data != null) {
        options = options.withData(data);
      }
      if (dataMemory != null) {
        options = options.withDataMemory(RunOptions.parseDataMemory(dataMemory));
      }
      if (device != null) {
        options = options.withDevice(RunOptions.DeviceChoice.parse(device));
      }
      if (seed != null) {
        options = options.withSeed(seed);
      }
      if (threads != null) {
        options = options.withThreads(threads);
      }
      if (checkpointEvery != null) {
        options = options.withCheckpointEvery(checkpointEvery);
      }
      if (resume) {
        options = options.withResume(true);
      }
      ClassLoader loader = HastenCli.class.getClassLoader();
      Class<?> pipelineClass = PipelineCatalog.load(loader).resolve(pipeline, loader);
      Interrupts.install();
      if (stopWithParent) {
        ParentWatch.start();
      }
      Hasten.train(pipelineClass, options, new TerminalModule());
      return OK;
    }
  }

  /** {@code hasten methods}: the speedup catalog as a table. */
  @Command(
      name = "methods",
      mixinStandardHelpOptions = true,
      description = "List the speedup catalog.")
  static final class Methods implements Callable<Integer> {
    @Override
    public Integer call() {
      ClassLoader loader = HastenCli.class.getClassLoader();
      System.out.print(
          MethodsTable.render(MethodsTable.speedups(PipelineCatalog.load(loader), loader)));
      return OK;
    }
  }
}
