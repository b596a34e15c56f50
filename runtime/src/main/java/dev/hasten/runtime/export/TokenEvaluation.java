package dev.hasten.runtime.export;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.Sha256;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.text.BitsPerCharacter;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.TokenWindows;
import dev.hasten.runtime.text.Tokenizer;
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
 * @param tokensPerCharacter the predicted tokens over the characters they cover ({@link
 *     BitsPerCharacter})
 */
public record TokenEvaluation(
    long windows, long predictions, long correct, double loss, double tokensPerCharacter) {
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
    return BitsPerCharacter.of(loss, tokensPerCharacter);
  }

  /**
   * Evaluates {@code model} (as {@link HastenModel#load} returns it) on the validation windows of
   * {@code validation} (the {@link Split#TEST} side of a text), cut to the model's sequence length.
   *
   * @throws InvalidInputException if the model is an image model, or {@code validation} is
   *     tokenised by another tokenizer than the model's ({@link HastenModel#tokenizer} gives the
   *     model's)
   */
  public static TokenEvaluation of(Model model, TextDataset validation) {
    ModelDescription d = HastenModel.description(model);
    if (!d.isLanguageModel()) {
      throw new InvalidInputException(
          d.simpleName() + "'s model is an image model: it is evaluated on images, not text");
    }
    ModelInput.Tokens tokens = d.tokens();
    requireModelsTokenizer(d, tokens, validation.tokenizer());
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
          tally.add(logits, y);
        }
      }
      return new TokenEvaluation(
          starts.length,
          predictions,
          tally.correct(),
          tally.meanLoss(),
          BitsPerCharacter.tokensPerCharacter(predictions, windows.labelCharacters(starts)));
    }
  }

  /** The text must be in the tokens the model was trained on, or its loss means nothing. */
  private static void requireModelsTokenizer(
      ModelDescription d, ModelInput.Tokens tokens, Tokenizer text) {
    boolean same =
        tokens.isBytes()
            ? text.file().isEmpty() && ByteTokens.NAME.equals(text.name())
            : tokens.hasFile()
                && text.file().isPresent()
                && tokens.tokenizerSha256().equals(Sha256.hex(text.file().get()));
    if (!same) {
      throw new InvalidInputException(
          d.simpleName()
              + "'s model reads tokens of "
              + (tokens.hasFile() ? "the tokenizer its folder carries" : "its own tokenizer")
              + " ("
              + tokens.tokenizer()
              + ", "
              + tokens.vocabulary()
              + " ids); the text given is tokenised by "
              + text.name());
    }
  }
}
