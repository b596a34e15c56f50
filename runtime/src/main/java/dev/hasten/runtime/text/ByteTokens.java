package dev.hasten.runtime.text;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Byte-level tokens: each byte of the UTF-8 text is one token in [0, {@value #VOCABULARY}), with no
 * vocabulary to learn or ship. English in ASCII (all of the King James text) is then one token per
 * character; any other text still encodes, at one to four tokens per character.
 */
public final class ByteTokens {
  /** Every byte value is a token. */
  public static final int VOCABULARY = 256;

  /**
   * Byte tokens as a {@link Tokenizer}: named {@value #NAME}, nothing to carry, nothing to hash.
   */
  public static final Tokenizer TOKENIZER = new ByteTokenizer();

  /** Their name in an exported model's description and in checkpoints. */
  public static final String NAME = "bytes";

  private ByteTokens() {}

  /** The token of one byte: its unsigned value. */
  public static int token(byte b) {
    return b & 0xFF;
  }

  /** The tokens of {@code text}: its UTF-8 bytes, unsigned. */
  public static int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] tokens = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      tokens[i] = token(bytes[i]);
    }
    return tokens;
  }

  /**
   * The text of {@code tokens}, decoded as UTF-8; a sequence that is not valid UTF-8 (a model may
   * sample one) decodes its bad bytes as U+FFFD rather than failing.
   *
   * @throws IllegalArgumentException if a token is outside [0, 256)
   */
  public static String decode(int[] tokens) {
    byte[] bytes = new byte[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= VOCABULARY) {
        throw new IllegalArgumentException("token " + tokens[i] + " is not a byte");
      }
      bytes[i] = (byte) tokens[i];
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code b} starts a character of UTF-8 text: any byte but a continuation byte ({@code
   * 10xxxxxx}). Counting these counts a text's characters (code points); in ASCII every byte is
   * one.
   */
  public static boolean startsCharacter(byte b) {
    return (b & 0xC0) != 0x80;
  }

  static String decode(byte[] bytes, int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  private static final class ByteTokenizer implements Tokenizer {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public int vocabulary() {
      return VOCABULARY;
    }

    @Override
    public int[] encode(String text) {
      return ByteTokens.encode(text);
    }

    /** A byte token ends after the characters whose first byte is at or before it. */
    @Override
    public EncodedText encodeCounted(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int[] ids = new int[bytes.length];
      int[] ends = new int[bytes.length];
      int characters = 0;
      for (int i = 0; i < bytes.length; i++) {
        ids[i] = token(bytes[i]);
        if (startsCharacter(bytes[i])) {
          characters++;
        }
        ends[i] = characters;
      }
      return new EncodedText(ids, ends);
    }

    @Override
    public String decode(int[] tokens) {
      return ByteTokens.decode(tokens);
    }

    @Override
    public String fingerprint() {
      return NAME;
    }

    @Override
    public Optional<byte[]> file() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "byte tokens (256 of them)";
    }
  }
}
