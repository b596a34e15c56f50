package dev.hasten.runtime.export;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.text.BitsPerCharacter;
import dev.hasten.runtime.text.TokenWindows;
import java.util.Arrays;

/**
 * A loaded language model's validation loss, bits per character and next-token accuracy on the
 * validation windows of a text, computed as a training run's evaluation computes them: the model in
 * inference mode, the evaluation tiling read in order, {@link #windowsPerChunk} windows per forward
 * pass, the loss {@code −log softmax} of the next token at every position, summed per chunk in
 * float32. So the same weights on the same windows give the run's own figures exactly.
 *
 * @param windows the validation windows evaluated
 * @param predictions the positions predicted: windows times their length
 * @param correct the positions whose most likely token was the next one
 * @param loss the mean loss in nats per token
 */
public record TokenEvaluation(long windows, long predictions, long correct, double loss) {
  /**
   * Tokens per forward pass: 64 windows of 128, whose attention and logits take tens of megabytes,
   * not the gigabytes the image evaluation's 500 examples would.
   */
  public static final int CHUNK_TOKENS = 8192;

  /** Windows of {@code sequenceLength} tokens per forward pass: at least one. */
  public static int windowsPerChunk(int sequenceLength) {
    return Math.max(1, CHUNK_TOKENS / sequenceLength);
  }

  /** {@code correct / predictions}, as a run's {@code test_acc}. */
  public double accuracy() {
    return correct / (double) predictions;
  }

  /** The loss in bits per character, as a run's {@code bits_per_char}. */
  public double bitsPerChar() {
    return BitsPerCharacter.of(loss, 1);
  }

  /**
   * Evaluates {@code model} (as {@link HastenModel#load} returns it) on the validation windows of
   * {@code validation} (the {@link Split#TEST} side of a text), cut to the model's sequence length.
   *
   * @throws InvalidInputException if the model is an image model or reads tokens of a tokenizer
   *     other than bytes, or the text was built for windows of another length
   */
  public static TokenEvaluation of(Model model, TextDataset validation) {
    ModelDescription d = HastenModel.description(model);
    if (!d.isLanguageModel()) {
      throw new InvalidInputException(
          d.simpleName() + "'s model is an image model: it is evaluated on images, not text");
    }
    ModelInput.Tokens tokens = d.tokens();
    if (!tokens.isBytes()) {
      throw new InvalidInputException(
          d.simpleName()
              + "'s model reads tokens of its own tokenizer ("
              + tokens.vocabulary()
              + " of them), which its folder does not hold: evaluate reads byte-token models");
    }
    if (validation.split() != Split.TEST) {
      throw new IllegalArgumentException("evaluation reads the validation side (Split.TEST)");
    }
    TextDataset text = validation.withSequenceLength(tokens.sequenceLength());
    TokenWindows windows = text.windows();
    int[] starts = text.evaluationWindows();
    int chunk = windowsPerChunk(tokens.sequenceLength());
    long predictions = (long) starts.length * tokens.sequenceLength();
    try (NDManager manager = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(manager, false);
      PredictionTally tally = new PredictionTally(manager);
      for (int from = 0; from < starts.length; from += chunk) {
        try (NDManager part = manager.newSubManager()) {
          int[] rows = Arrays.copyOfRange(starts, from, Math.min(from + chunk, starts.length));
          NDList both = windows.batch(part, rows);
          NDArray y = both.get(1);
          NDArray logits =
              model.getBlock().forward(store, new NDList(both.get(0)), false).singletonOrThrow();
          logits.attach(part);
          tally.add(logits, y, tokens.vocabulary());
        }
      }
      return new TokenEvaluation(starts.length, predictions, tally.correct(), tally.meanLoss());
    }
  }
}
