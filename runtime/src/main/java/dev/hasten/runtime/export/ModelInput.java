package dev.hasten.runtime.export;

import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.data.Normalisation;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.text.ByteTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an exported model takes in: images of a fixed shape, normalised as in training, or windows
 * of tokens (a language model, whose classes are its vocabulary).
 */
public sealed interface ModelInput permits ModelInput.Images, ModelInput.Tokens {
  /** The shape of a batch of one example, which the Block is initialised with. */
  Shape oneExample();

  /** The shape of one example of a run's input: {@code [1, T]} tokens or {@code [1, C, H, W]}. */
  static Shape oneExample(RunSpec spec) {
    return spec.isSequenceTask()
        ? new Shape(1, spec.sequenceLength())
        : new Shape(1, spec.channels(), spec.height(), spec.width());
  }

  /**
   * The input of a run's model, from its spec; a sequence task's tokenizer as {@link Tokens#of}.
   */
  static ModelInput of(RunSpec spec, Normalisation normalisation) {
    return spec.isSequenceTask()
        ? Tokens.of(spec.classes(), spec.sequenceLength())
        : new Images(spec.channels(), spec.height(), spec.width(), normalisation);
  }

  /**
   * Images, {@code [channels, height, width]} each.
   *
   * @param normalisation how pixels become the input
   */
  record Images(int channels, int height, int width, Normalisation normalisation)
      implements ModelInput {
    @Override
    public Shape oneExample() {
      return new Shape(1, channels, height, width);
    }
  }

  /**
   * Token ids, {@code [T]} int64 each for {@code T} up to {@code sequenceLength}; the model gives
   * logits over the vocabulary at each position.
   *
   * @param tokenizer {@value #BYTES} for byte tokens ({@link ByteTokens}), the only tokenizer an
   *     exported model can name today; {@value #OWN} for ids of a pipeline's own tokenizer, which
   *     the folder does not carry
   * @param vocabulary how many tokens there are
   * @param sequenceLength the training window, the longest context the model was trained on
   */
  record Tokens(String tokenizer, int vocabulary, int sequenceLength) implements ModelInput {
    /** Byte tokens: UTF-8 bytes, unsigned. */
    public static final String BYTES = "bytes";

    /** Token ids of a tokenizer the model folder does not describe. */
    public static final String OWN = "own";

    /** The byte tokenizer when the vocabulary is the 256 byte values, else {@value #OWN}. */
    static Tokens of(int vocabulary, int sequenceLength) {
      return new Tokens(
          vocabulary == ByteTokens.VOCABULARY ? BYTES : OWN, vocabulary, sequenceLength);
    }

    public boolean isBytes() {
      return BYTES.equals(tokenizer) && vocabulary == ByteTokens.VOCABULARY;
    }

    @Override
    public Shape oneExample() {
      return new Shape(1, sequenceLength);
    }

    /**
     * A name for each token, by id, for the folder's class list: a byte's two hex digits ({@code
     * 0x41} is "A"), which no newline or control byte can break, or the id itself.
     */
    public List<String> tokenNames() {
      List<String> names = new ArrayList<>(vocabulary);
      for (int id = 0; id < vocabulary; id++) {
        names.add(isBytes() ? String.format(Locale.ROOT, "0x%02x", id) : Integer.toString(id));
      }
      return names;
    }
  }
}
