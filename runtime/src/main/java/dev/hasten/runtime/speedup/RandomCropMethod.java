package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.speedup.RandomCrop;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/**
 * {@link RandomCrop}: torchvision's {@code RandomCrop(size, padding)} at the batch's own size, done
 * on the device for the whole batch at once.
 *
 * <p>Example {@code n} gets offsets {@code dy, dx} uniform in {@code [0, 2·padding]} (two draws of
 * {@code step.random("random-crop")} per example, {@code dy} first), and output pixel {@code (i,
 * j)} is input pixel {@code (clamp(i + dy − padding), clamp(j + dx − padding))}, clamped to the
 * image: the crop of a padded image at {@code (dy, dx)}. Where torchvision pads with zeros (black,
 * before normalisation) by default, this pads by repeating the border pixels (its {@code
 * padding_mode="edge"}): the method sees normalised images and cannot know which value is black,
 * and on images with a plain background (Fashion-MNIST, most of CIFAR's) the border is that
 * background.
 *
 * <p>Per step: {@code 2·batch} draws on the host, one upload, and one gather over the flattened
 * images with an index built on the device ({@code [batch, 1, h·w]}, shared by the channels).
 */
public final class RandomCropMethod implements BatchTransform {
  private final int padding;

  /** From the pipeline's annotation. */
  public RandomCropMethod(RandomCrop config) {
    this(config.padding());
  }

  /**
   * @param padding the largest shift each way, at least 1
   */
  public RandomCropMethod(int padding) {
    if (padding < 1) {
      throw new IllegalArgumentException("RandomCrop padding must be at least 1, got " + padding);
    }
    this.padding = padding;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    int batch = Math.toIntExact(x.getShape().get(0));
    int[][] offsets = offsets(step, batch, padding);
    step.setInputs(crop(x, offsets[0], offsets[1], padding, step.manager()));
  }

  /** Each example's {@code dy} (row 0) and {@code dx} (row 1), in {@code [0, 2·padding]}. */
  static int[][] offsets(Step step, int batch, int padding) {
    Random random = step.random("random-crop");
    int[][] offsets = new int[2][batch];
    for (int n = 0; n < batch; n++) {
      offsets[0][n] = random.nextInt(2 * padding + 1);
      offsets[1][n] = random.nextInt(2 * padding + 1);
    }
    return offsets;
  }

  /**
   * The crops of {@code x} ({@code [n, c, h, w]}) at the given offsets into the edge-padded image.
   */
  static NDArray crop(NDArray x, int[] dy, int[] dx, int padding, NDManager manager) {
    Shape shape = x.getShape();
    long n = shape.get(0);
    long c = shape.get(1);
    long h = shape.get(2);
    long w = shape.get(3);
    NDArray rowShift =
        manager.create(subtract(dy, padding), new Shape(n, 1)).toType(DataType.INT64, false);
    NDArray colShift =
        manager.create(subtract(dx, padding), new Shape(n, 1)).toType(DataType.INT64, false);
    NDArray rows =
        manager.arange(h).toType(DataType.INT64, false).reshape(1, h).add(rowShift).clip(0, h - 1);
    NDArray cols =
        manager.arange(w).toType(DataType.INT64, false).reshape(1, w).add(colShift).clip(0, w - 1);
    // flat[n, i, j] = rows[n, i]·w + cols[n, j]
    NDArray flat = rows.mul(w).reshape(n, h, 1).add(cols.reshape(n, 1, w)).reshape(n, 1, h * w);
    NDArray index = flat.broadcast(n, c, h * w);
    return x.reshape(n, c, h * w).gather(index, 2).reshape(n, c, h, w);
  }

  private static int[] subtract(int[] values, int amount) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] - amount;
    }
    return out;
  }
}
