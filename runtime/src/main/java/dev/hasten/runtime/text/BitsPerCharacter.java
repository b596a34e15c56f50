package dev.hasten.runtime.text;

/**
 * A language model's loss in bits per character of the text it predicted, the measure that does not
 * depend on the tokenizer: {@code (nats per token × tokens) / (ln 2 × characters)}, the total nats
 * over the evaluated tokens, in bits, shared out over the characters those tokens cover. Characters
 * are Unicode code points. For byte tokens on ASCII text (the King James Bible) there is one token
 * per character, and this is nats per token over ln 2.
 */
public final class BitsPerCharacter {
  private BitsPerCharacter() {}

  /**
   * @param natsPerToken the mean loss per predicted token, in nats
   * @param tokensPerCharacter the predicted tokens over the characters they cover
   */
  public static double of(double natsPerToken, double tokensPerCharacter) {
    return natsPerToken * tokensPerCharacter / Math.log(2);
  }

  /** Predicted tokens over the characters they cover: 1 for bytes of ASCII, below it for words. */
  public static double tokensPerCharacter(long tokens, long characters) {
    if (tokens < 1 || characters < 1) {
      throw new IllegalArgumentException(
          "bits per character need tokens and characters, got " + tokens + " and " + characters);
    }
    return tokens / (double) characters;
  }
}
