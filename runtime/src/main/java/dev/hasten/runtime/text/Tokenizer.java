package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How text becomes the token ids a language model reads, and back: byte tokens ({@link
 * ByteTokens#TOKENIZER}), built in, or a Hugging Face {@code tokenizer.json} of one's own ({@link
 * #fromFile}).
 */
public interface Tokenizer {
  /** The name an exported model's description gives it: {@code bytes} or {@code huggingface}. */
  String name();

  /** How many token ids there are: every id {@link #encode} gives is below it. */
  int vocabulary();

  /**
   * The ids of {@code text}, with nothing added: no start, end or separator tokens that the text
   * does not hold, so that a corpus cut into pieces reads as the pieces' tokens one after another.
   */
  default int[] encode(String text) {
    return encodeCounted(text).ids();
  }

  /**
   * {@link #encode} with each token's end in {@code text}, in characters: evaluation divides a loss
   * by the characters its tokens cover, so that bits per character mean the same for any tokenizer.
   */
  EncodedText encodeCounted(String text);

  /** {@link #encodeCounted} of each text, in order (a corpus's segments). */
  default List<EncodedText> encodeEach(List<String> texts) {
    List<EncodedText> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(encodeCounted(text));
    }
    return out;
  }

  /** The text of {@code tokens}: every token as drawn, special ones included. */
  String decode(int[] tokens);

  /**
   * What tells this tokenizer from any other, for checkpoints: {@code bytes}, or {@code
   * huggingface} and the SHA-256 of the tokenizer file.
   */
  String fingerprint();

  /** The file an exported model carries beside its weights ({@code tokenizer.json}), if any. */
  Optional<byte[]> file();

  /**
   * The tokenizer of a Hugging Face {@code tokenizer.json}.
   *
   * @throws InvalidInputException naming the file if it is missing, not JSON or not a tokenizer,
   *     and naming the artifact to add if the Hugging Face tokenizers library is not on the class
   *     path
   */
  static Tokenizer fromFile(Path file) {
    TokenizerLibrary.require(Tokenizer.class.getClassLoader());
    return HuggingFaceTokens.load(file);
  }
}
