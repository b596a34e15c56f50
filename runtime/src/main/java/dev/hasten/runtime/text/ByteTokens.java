package dev.hasten.runtime.text;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level tokens: each byte of the UTF-8 text is one token in [0, {@value #VOCABULARY}), with no
 * vocabulary to learn or ship. English in ASCII (all of the King James text) is then one token per
 * character; any other text still encodes, at one to four tokens per character.
 */
public final class ByteTokens {
  /** Every byte value is a token. */
  public static final int VOCABULARY = 256;

  private ByteTokens() {}

  /**
   * Bits per character of a loss in nats per byte token: {@code nats / ln 2}. Per character because
   * the built-in text is ASCII, one byte per character.
   */
  public static double bitsPerCharacter(double natsPerToken) {
    return natsPerToken / Math.log(2);
  }

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

  static String decode(byte[] bytes, int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }
}
