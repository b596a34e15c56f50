package dev.hasten.runtime.text;

/**
 * A text's token ids and where each token ends in it, in characters (Unicode code points): token
 * {@code i} covers characters up to {@code characterEnds[i]}, so characters between tokens (spaces
 * a pre-tokenizer drops) count with the token after them.
 */
public record EncodedText(int[] ids, int[] characterEnds) {
  public EncodedText {
    if (ids.length != characterEnds.length) {
      throw new IllegalArgumentException(
          ids.length + " tokens but " + characterEnds.length + " character ends");
    }
  }
}
