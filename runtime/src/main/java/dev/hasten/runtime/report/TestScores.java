package dev.hasten.runtime.report;

import java.util.Locale;

/**
 * One evaluation's scores, as a person watching the run reads them: an image classifier's test
 * accuracy; a language model's validation loss, in nats per token and bits per character, and its
 * next-token accuracy. The loss comes first for a language model because it is what such a run is
 * judged by (a target loss, a frontier's loss target); the accuracy of a byte model moves little
 * once it can spell.
 *
 * @param accuracy the fraction of predictions right: images, or every position of every window
 * @param loss mean cross-entropy in nats per prediction
 * @param bitsPerCharacter a language model's bits per character of the evaluated text; NaN for an
 *     image classifier
 */
public record TestScores(double accuracy, double loss, double bitsPerCharacter) {
  /** An image classifier's scores. */
  public static TestScores ofImages(double accuracy, double loss) {
    return new TestScores(accuracy, loss, Double.NaN);
  }

  /** Whether these are a language model's scores. */
  public boolean isLanguageModel() {
    return !Double.isNaN(bitsPerCharacter);
  }

  /**
   * {@code test accuracy 88.12%}, or for a language model {@code test loss 1.3028 nats (1.880 bits
   * per character), next-token accuracy 61.20%}.
   */
  public String describe() {
    if (isLanguageModel()) {
      return String.format(
          Locale.ROOT,
          "test loss %.4f nats (%.3f bits per character), next-token accuracy %.2f%%",
          loss,
          bitsPerCharacter,
          100 * accuracy);
    }
    return String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * accuracy);
  }

  /** The few characters beside a progress bar: {@code acc 88.12%}, or {@code test 1.3028 nats}. */
  public String brief() {
    return isLanguageModel()
        ? String.format(Locale.ROOT, "test %.4f nats", loss)
        : String.format(Locale.ROOT, "acc %.2f%%", 100 * accuracy);
  }
}
