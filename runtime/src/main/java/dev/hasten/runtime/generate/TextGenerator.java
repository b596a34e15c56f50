package dev.hasten.runtime.generate;

import dev.hasten.runtime.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Extends a prompt token by token: the model reads the last {@code context} tokens (the window it
 * was trained on; a longer text slides through it), its logits at the last position give the next
 * token's distribution, a {@link TokenSampler} draws it, and it joins the text.
 *
 * <p>Each token costs a forward pass over the whole window: there is no cache of earlier positions'
 * keys and values, which keeps the model a plain DJL Block.
 */
public final class TextGenerator {
  /** A model as generation needs it: the logits of the token after a window. */
  @FunctionalInterface
  public interface NextTokenLogits {
    /**
     * @param window the tokens, oldest first; at least one, at most the context
     * @return the logits over the vocabulary of the token that follows
     */
    float[] after(int[] window);
  }

  private final NextTokenLogits model;
  private final int vocabulary;
  private final int context;

  /**
   * @param vocabulary how many tokens the model has; its logits have one per token
   * @param context the most tokens it reads at once
   */
  public TextGenerator(NextTokenLogits model, int vocabulary, int context) {
    if (vocabulary < 1 || context < 1) {
      throw new IllegalArgumentException(
          "a vocabulary and a context of at least 1, got " + vocabulary + " and " + context);
    }
    this.model = model;
    this.vocabulary = vocabulary;
    this.context = context;
  }

  /**
   * The prompt followed by {@code count} sampled tokens.
   *
   * @throws InvalidInputException if the prompt is empty or holds a token outside the vocabulary
   */
  public int[] continueFrom(int[] prompt, int count, TokenSampler sampler) {
    if (prompt.length == 0) {
      throw new InvalidInputException("the prompt is empty: give at least one character to start");
    }
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] < 0 || prompt[i] >= vocabulary) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "the prompt's token %d (0x%x, at position %d) is outside the model's %d tokens",
                prompt[i],
                prompt[i],
                i,
                vocabulary));
      }
    }
    if (count < 0) {
      throw new IllegalArgumentException("a count of tokens of 0 or more, got " + count);
    }
    int[] tokens = Arrays.copyOf(prompt, prompt.length + count);
    for (int n = prompt.length; n < tokens.length; n++) {
      float[] logits = model.after(Arrays.copyOfRange(tokens, Math.max(0, n - context), n));
      if (logits.length != vocabulary) {
        throw new IllegalStateException(
            "the model gave " + logits.length + " logits for a vocabulary of " + vocabulary);
      }
      tokens[n] = sampler.next(logits);
    }
    return tokens;
  }
}
