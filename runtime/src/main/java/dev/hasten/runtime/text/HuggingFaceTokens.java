package dev.hasten.runtime.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;

/**
 * The tokenizer of a Hugging Face {@code tokenizer.json} (any model the library reads: BPE,
 * WordPiece, WordLevel, Unigram), through DJL's tokenizers, whose native library is inside their
 * jar and loads offline.
 *
 * <p>The file's bytes are read once and kept: the tokenizer is that text, whatever happens to the
 * file later, and its SHA-256 is its identity. Each call opens the native tokenizer from them and
 * closes it again (a few milliseconds; a run encodes its corpus once and a sample's prompt once),
 * so no native memory outlives a call.
 *
 * <p>Encoding adds no special tokens and never truncates or pads, whatever the file asks for:
 * training text is read as it is. Decoding keeps special tokens, so a sample shows every token the
 * model drew.
 */
final class HuggingFaceTokens implements Tokenizer {
  /** The name an exported model's description gives these tokenizers. */
  static final String NAME = "huggingface";

  /** Encoding as training needs it, overriding what the file says. */
  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final Path file;
  private final byte[] json;
  private final int vocabulary;
  private final String sha256;

  private HuggingFaceTokens(Path file, byte[] json, int vocabulary, String sha256) {
    this.file = file;
    this.json = json;
    this.vocabulary = vocabulary;
    this.sha256 = sha256;
  }

  /**
   * Reads {@code file}; the library must be on the class path ({@link TokenizerLibrary}).
   *
   * @throws InvalidInputException naming the file if it is missing, not JSON or not a tokenizer
   */
  static HuggingFaceTokens load(Path file) {
    byte[] json = FileBytes.read(file, "tokenizer", "a tokenizer.json");
    HuggingFaceTokens tokens =
        new HuggingFaceTokens(file, json, vocabulary(file, json), Sha256.hex(json));
    // Opening it once checks what the JSON alone does not: that the library can build it.
    try (HuggingFaceTokenizer ignored = tokens.open()) {
      return tokens;
    }
  }

  /**
   * How many ids the file's model and added tokens use: one more than the largest. The library does
   * not say, so it is read from the file: {@code model.vocab} maps tokens to ids (BPE, WordPiece,
   * WordLevel) or lists them in id order (Unigram); {@code added_tokens} have their own.
   */
  static int vocabulary(Path file, byte[] json) {
    JsonObject root;
    try {
      JsonElement parsed = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new InvalidInputException(
            "tokenizer " + file + ": not a tokenizer.json (its JSON is not an object)");
      }
      root = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InvalidInputException(
          "tokenizer " + file + ": not JSON (" + firstLine(e.getMessage()) + ")");
    }
    JsonElement model = root.get("model");
    JsonElement vocab =
        model != null && model.isJsonObject() ? model.getAsJsonObject().get("vocab") : null;
    if (vocab == null || !(vocab.isJsonObject() || vocab.isJsonArray())) {
      throw new InvalidInputException(
          "tokenizer " + file + ": not a Hugging Face tokenizer.json (it has no model.vocab)");
    }
    try {
      long largest = -1;
      if (vocab.isJsonObject()) {
        for (Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
          largest = Math.max(largest, e.getValue().getAsLong());
        }
      } else {
        largest = vocab.getAsJsonArray().size() - 1;
      }
      JsonElement added = root.get("added_tokens");
      if (added != null && added.isJsonArray()) {
        for (JsonElement token : added.getAsJsonArray()) {
          largest = Math.max(largest, token.getAsJsonObject().get("id").getAsLong());
        }
      }
      if (largest < 0 || largest >= Integer.MAX_VALUE) {
        throw new InvalidInputException(
            "tokenizer " + file + ": its vocabulary has " + (largest + 1) + " tokens");
      }
      return (int) largest + 1;
    } catch (IllegalStateException | UnsupportedOperationException | NullPointerException e) {
      throw new InvalidInputException(
          "tokenizer " + file + ": not a Hugging Face tokenizer.json (a token id is not a number)");
    }
  }

  /** The native tokenizer of the kept JSON; the caller closes it. */
  private HuggingFaceTokenizer open() {
    try {
      return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "tokenizer "
              + file
              + ": not a tokenizer the Hugging Face library reads ("
              + firstLine(e.getMessage())
              + ")");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int vocabulary() {
    return vocabulary;
  }

  @Override
  public EncodedText encodeCounted(String text) {
    return encodeEach(List.of(text)).get(0);
  }

  /** Every text with one native tokenizer, opened once. */
  @Override
  public List<EncodedText> encodeEach(List<String> texts) {
    List<EncodedText> out = new ArrayList<>(texts.size());
    try (HuggingFaceTokenizer tokenizer = open()) {
      for (String text : texts) {
        out.add(counted(tokenizer.encode(text, false, false)));
      }
    }
    return out;
  }

  private static EncodedText counted(Encoding encoding) {
    long[] ids = encoding.getIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[] out = new int[ids.length];
    int[] ends = new int[ids.length];
    int end = 0;
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
      // A token the library gives no span (none does without added special tokens) ends where the
      // one before it did.
      if (spans[i] != null) {
        end = Math.max(end, spans[i].getEnd());
      }
      ends[i] = end;
    }
    return new EncodedText(out, ends);
  }

  @Override
  public String decode(int[] tokens) {
    long[] ids = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocabulary) {
        throw new IllegalArgumentException(
            "token " + tokens[i] + " is outside the " + vocabulary + " of " + file);
      }
      ids[i] = tokens[i];
    }
    try (HuggingFaceTokenizer tokenizer = open()) {
      return tokenizer.decode(ids, false);
    }
  }

  @Override
  public String fingerprint() {
    return NAME + " sha256 " + sha256;
  }

  /** The SHA-256 of the file's bytes, 64 hex digits. */
  String sha256() {
    return sha256;
  }

  @Override
  public Optional<byte[]> file() {
    return Optional.of(json.clone());
  }

  @Override
  public String toString() {
    return String.format("the tokenizer of %s (%,d tokens)", file, vocabulary);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String text = message.strip();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
