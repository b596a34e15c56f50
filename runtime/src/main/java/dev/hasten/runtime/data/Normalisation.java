package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * How an image's pixels become a model's input: {@code (x / 255 − mean[c]) / std[c]} for each
 * channel {@code c}, with the mean and standard deviation of the training split's pixels scaled to
 * [0, 1] (every split is normalised with the training statistics). One value stands for every
 * channel when a single one is given.
 *
 * @param mean per channel, or one value for all
 * @param std per channel (as many as {@code mean}), each above 0
 */
public record Normalisation(float[] mean, float[] std) {
  public Normalisation {
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
    mean = mean.clone();
    std = std.clone();
  }

  /** One mean and standard deviation for every channel. */
  public static Normalisation of(float mean, float std) {
    return new Normalisation(new float[] {mean}, new float[] {std});
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** The number of channels given (1 when one value stands for all). */
  public int channels() {
    return mean.length;
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

  /**
   * Float32 images of uint8 {@code [n, channels, h, w]}, on the same device, as {@code x · (1 /
   * (255 std)) − mean / std}: one conversion and two in-place broadcast operations.
   */
  public NDArray apply(NDArray pixels) {
    int c = (int) pixels.getShape().get(1);
    float[][] stats = perChannel(c);
    float[] scale = new float[c];
    float[] shift = new float[c];
    for (int i = 0; i < c; i++) {
      scale[i] = (float) (1.0 / (255.0 * stats[1][i]));
      shift[i] = (float) (stats[0][i] / (double) stats[1][i]);
    }
    NDArray x = pixels.toType(DataType.FLOAT32, false);
    Shape perChannel = new Shape(1, c, 1, 1);
    try (NDArray s = x.getManager().create(scale, perChannel);
        NDArray m = x.getManager().create(shift, perChannel)) {
      x.muli(s);
      x.subi(m);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalisation n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
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
