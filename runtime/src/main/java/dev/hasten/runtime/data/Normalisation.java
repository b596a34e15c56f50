package dev.hasten.runtime.data;

import java.util.Arrays;

/**
 * How an image's pixels become a model's input: {@code (x / 255 − mean[c]) / std[c]} for each
 * channel {@code c}, with one value for all channels when a single one is given.
 */
public final class Normalisation {
  private final float[] mean;
  private final float[] std;

  /**
   * @param mean per channel, or one value for all
   * @param std per channel (as many as {@code mean}), each above 0
   */
  public Normalisation(float[] mean, float[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "a normalisation needs as many means as standard deviations, at least one; got "
              + mean.length
              + " and "
              + std.length);
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("a standard deviation must be above 0, got " + s);
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** One mean and standard deviation for every channel. */
  public static Normalisation of(float mean, float std) {
    return new Normalisation(new float[] {mean}, new float[] {std});
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[] std() {
    return std.clone();
  }

  /** The mean and standard deviation for each of {@code channels} channels. */
  public float[][] perChannel(int channels) {
    float[][] out = new float[2][channels];
    for (int c = 0; c < channels; c++) {
      out[0][c] = mean.length == 1 ? mean[0] : mean[c];
      out[1][c] = std.length == 1 ? std[0] : std[c];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalisation
        && Arrays.equals(mean, ((Normalisation) o).mean)
        && Arrays.equals(std, ((Normalisation) o).std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "(x / 255 - " + Arrays.toString(mean) + ") / " + Arrays.toString(std);
  }
}
