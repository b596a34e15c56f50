package dev.hasten.runtime.loop;

import ai.djl.Device;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.report.Progress;
import dev.hasten.runtime.report.RunPlots;
import dev.hasten.runtime.report.Summary;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The record a finished run leaves: its {@link RunResult}, written as summary.json, the plots drawn
 * from metrics.jsonl (by the bound {@link RunPlots}), and the summary printed as the last line of
 * stdout.
 *
 * <p>Why it exists: these are the run's outputs for people and scripts, written once, after the
 * final checkpoint; a failure to write them must say how to finish the run without training again.
 */
final class RunSummary {
  private RunSummary() {}

  /**
   * Writes and prints the summary of a run of {@code steps} steps and {@code seconds} of training
   * into {@code outDir}, closing the progress line first, and returns it. Its throughput is in
   * images per second for an image model, and in tokens per second for a language model, counting
   * {@code trainedTokens}, the tokens it trained on.
   *
   * @throws InvalidInputException if summary.json cannot be written
   */
  static RunResult write(
      RunSpec spec,
      long steps,
      double seconds,
      long trainedTokens,
      Evaluation evaluation,
      Device device,
      DataPaths.Chosen data,
      Path outDir,
      Progress progress,
      RunPlots plots) {
    RunResult result =
        new RunResult(
            spec.simpleName(),
            spec.speedups(),
            spec.epochs(),
            steps,
            seconds,
            spec.isSequenceTask()
                ? Double.NaN
                : perSecond(steps * (double) spec.batchSize(), seconds),
            evaluation.lastTestAcc(),
            evaluation.bestTestAcc(),
            device.toString(),
            outDir,
            data.residency().toString(),
            data.skippedImages(),
            evaluation.lastTestLoss(),
            evaluation.bestTestLoss(),
            spec.isSequenceTask(),
            spec.isSequenceTask() ? perSecond(trainedTokens, seconds) : Double.NaN,
            evaluation.tokensPerCharacter());
    progress.close();
    try {
      Summary.write(outDir, result);
    } catch (IOException e) {
      // The final checkpoint is on disk: a resume after making room only writes the summary.
      throw new InvalidInputException(
          "cannot write "
              + outDir.resolve(Summary.FILE_NAME)
              + ": "
              + e.getMessage()
              + "; make room, then finish the run with --resume",
          e);
    }
    plots.draw(outDir, spec.simpleName());
    System.out.println(Summary.toJson(result));
    return result;
  }

  private static double perSecond(double count, double seconds) {
    return seconds > 0 ? count / seconds : 0;
  }
}
