package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Per-channel normalisation of uint8 pixels: {@code (x / 255 − mean[c]) / std[c]}, with the mean
 * and standard deviation of the training split's pixels scaled to [0, 1] (every split is
 * normalised with the training statistics).
 *
 * @param mean one value per channel
 * @param std one value per channel, each positive
 */
public record Normalisation(float[] mean, float[] std) {
  public Normalisation {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "mean and std need one value per channel, got " + mean.length + " and " + std.length);
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** The number of channels. */
  public int channels() {
    return mean.length;
  }

  /**
   * Float32 images of uint8 {@code [n, channels, h, w]}, on the same device, as {@code x · (1 /
   * (255 std)) − mean / std}: one conversion and two in-place broadcast operations.
   */
  public NDArray apply(NDArray pixels) {
    int c = channels();
    float[] scale = new float[c];
    float[] shift = new float[c];
    for (int i = 0; i < c; i++) {
      scale[i] = (float) (1.0 / (255.0 * std[i]));
      shift[i] = (float) (mean[i] / (double) std[i]);
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
    return "Normalisation[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
