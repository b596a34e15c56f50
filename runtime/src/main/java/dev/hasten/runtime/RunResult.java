package dev.hasten.runtime;

import dev.hasten.runtime.text.BitsPerCharacter;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run reports; the same facts as {@code summary.json}.
 *
 * @param pipeline the pipeline's simple name
 * @param speedups the speedups in effect, in loop order
 * @param epochs the epochs the run was scheduled for
 * @param steps the optimizer steps taken
 * @param trainSeconds training time, evaluation excluded
 * @param imagesPerSecond training images per second of training time; NaN for a language model
 * @param finalTestAcc test accuracy after the last step, or NaN without evaluation data
 * @param bestTestAcc the best test accuracy of any evaluation, or NaN
 * @param device the device trained on, e.g. {@code cpu()} or {@code gpu(0)}
 * @param outDir the folder the run wrote into
 * @param data where the run's data lived: {@code "resident"}, or {@code "streamed"} when a split
 *     was streamed from its image cache
 * @param skippedImages images of the run's image folder left out as unreadable
 * @param finalTestLoss the mean evaluation loss after the last step (nats per token for a language
 *     model), or NaN without evaluation data
 * @param bestTestLoss the lowest evaluation loss of the run, or NaN
 * @param languageModel whether the run was a language model's, whose losses are also reported in
 *     bits per character
 * @param tokensPerSecond a language model's training tokens per second of training time, counting
 *     the tokens it trained on (fewer than its windows hold while a speedup truncates them); NaN
 *     for an image model
 * @param tokensPerCharacter a language model's evaluated tokens over the characters they cover
 *     ({@link BitsPerCharacter}); 1 for byte tokens on ASCII text
 */
public record RunResult(
    String pipeline,
    List<String> speedups,
    int epochs,
    long steps,
    double trainSeconds,
    double imagesPerSecond,
    double finalTestAcc,
    double bestTestAcc,
    String device,
    Path outDir,
    String data,
    long skippedImages,
    double finalTestLoss,
    double bestTestLoss,
    boolean languageModel,
    double tokensPerSecond,
    double tokensPerCharacter) {

  /** The final loss in bits per character of the evaluated text ({@link BitsPerCharacter}). */
  public double finalBitsPerChar() {
    return BitsPerCharacter.of(finalTestLoss, tokensPerCharacter);
  }

  /** The best loss in bits per character. */
  public double bestBitsPerChar() {
    return BitsPerCharacter.of(bestTestLoss, tokensPerCharacter);
  }

  /**
   * An image run's result on resident data that skipped no images, without evaluation losses (as
   * summaries once were).
   */
  public RunResult(
      String pipeline,
      List<String> speedups,
      int epochs,
      long steps,
      double trainSeconds,
      double imagesPerSecond,
      double finalTestAcc,
      double bestTestAcc,
      String device,
      Path outDir) {
    this(
        pipeline,
        speedups,
        epochs,
        steps,
        trainSeconds,
        imagesPerSecond,
        finalTestAcc,
        bestTestAcc,
        device,
        outDir,
        "resident",
        0,
        Double.NaN,
        Double.NaN,
        false,
        Double.NaN,
        1);
  }
}
