package dev.hasten.runtime.export;

import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.Sha256;
import dev.hasten.runtime.data.Normalisation;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Tokenizer;
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
   * @param tokenizer {@value #BYTES} for byte tokens ({@link ByteTokens}); {@value #HUGGINGFACE}
   *     for a Hugging Face {@code tokenizer.json}, which the folder carries ({@value
   *     ModelFolder#TOKENIZER}); {@value #OWN} for ids of a tokenizer the folder does not carry
   * @param vocabulary how many tokens the model has logits for (at least the tokenizer's)
   * @param sequenceLength the training window, the longest context the model was trained on
   * @param tokenizerSha256 the SHA-256 of the carried {@code tokenizer.json}, or null
   */
  record Tokens(String tokenizer, int vocabulary, int sequenceLength, String tokenizerSha256)
      implements ModelInput {
    /** Byte tokens: UTF-8 bytes, unsigned. */
    public static final String BYTES = ByteTokens.NAME;

    /** A Hugging Face tokenizer.json, carried in the folder. */
    public static final String HUGGINGFACE = "huggingface";

    /** Token ids of a tokenizer the model folder does not describe. */
    public static final String OWN = "own";

    /** Tokens without a tokenizer file. */
    public Tokens(String tokenizer, int vocabulary, int sequenceLength) {
      this(tokenizer, vocabulary, sequenceLength, null);
    }

    /** The byte tokenizer when the vocabulary is the 256 byte values, else {@value #OWN}. */
    static Tokens of(int vocabulary, int sequenceLength) {
      return new Tokens(
          vocabulary == ByteTokens.VOCABULARY ? BYTES : OWN, vocabulary, sequenceLength);
    }

    /**
     * The tokens of a model trained with {@code tokenizer}: byte tokens, or a tokenizer whose file
     * the folder carries.
     */
    static Tokens of(Tokenizer tokenizer, int vocabulary, int sequenceLength) {
      return tokenizer.file().isPresent()
          ? new Tokens(
              tokenizer.name(), vocabulary, sequenceLength, Sha256.hex(tokenizer.file().get()))
          : new Tokens(tokenizer.name(), vocabulary, sequenceLength);
    }

    /** Byte tokens, the model having a logit for each of the 256 (and maybe more). */
    public boolean isBytes() {
      return BYTES.equals(tokenizer) && vocabulary >= ByteTokens.VOCABULARY;
    }

    /** Whether the folder carries the tokenizer's file. */
    public boolean hasFile() {
      return tokenizerSha256 != null;
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
        names.add(
            isBytes() && id < ByteTokens.VOCABULARY
                ? String.format(Locale.ROOT, "0x%02x", id)
                : Integer.toString(id));
      }
      return names;
    }
  }
}
