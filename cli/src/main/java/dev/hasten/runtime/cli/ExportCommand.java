package dev.hasten.runtime.cli;

import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.export.CheckpointExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hasten export RUN_DIR [--checkpoint step-N.ckpt]}: writes RUN_DIR/model from a checkpoint.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write RUN_DIR/model (DJL parameters and a description) from a checkpoint of the run, as"
            + " evaluation saw the model then; it replaces the folder the run wrote at its end.")
final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN_DIR", description = "the run's output folder")
  Path runDir;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "a checkpoint file, or its name in RUN_DIR/checkpoints (default: the newest valid)")
  Path checkpoint;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "the model folder to write (default RUN_DIR/model, replaced)")
  Path out;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "the training data folder, for the class names")
  Path data;

  @Override
  public Integer call() throws IOException {
    RunOptions options = RunOptions.defaults();
    if (data != null) {
      options = options.withData(data);
    }
    Path written = CheckpointExport.export(runDir, checkpoint, out, options);
    System.out.println("hasten: exported " + written);
    return HastenCli.OK;
  }
}
