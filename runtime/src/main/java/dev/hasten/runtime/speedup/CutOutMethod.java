package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.speedup.CutOut;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link CutOut} (DeVries and Taylor 2017, as Composer's {@code cutout_batch}): one mask per batch,
 * shared by every example and channel, with {@code numHoles} square holes of zeros.
 *
 * <p>A hole's nominal side is {@code L = ⌊length · min(h, w)⌋} pixels; its centre {@code (y, x)} is
 * uniform over the image, and it covers rows {@code [y − ⌊L/2⌋, y + ⌊L/2⌋)} and the same columns,
 * clipped to the image, so an odd {@code L} gives a hole of {@code L − 1} and a hole near an edge
 * is smaller, as in Composer. Zero is the mean pixel of normalised data.
 *
 * <p>Per step: the mask is made on the host ({@code h·w} floats), uploaded once, and multiplied in:
 * two native calls. The centres come from {@code step.random("cutout")}.
 */
public final class CutOutMethod implements BatchTransform {
  private final int numHoles;
  private final double length;

  /** From the pipeline's annotation. */
  public CutOutMethod(CutOut config) {
    this(config.numHoles(), config.length());
  }

  /**
   * @param numHoles holes per image, at least 1
   * @param length a hole's side as a fraction of the shorter image side, in (0, 1]
   */
  public CutOutMethod(int numHoles, double length) {
    if (numHoles < 1) {
      throw new IllegalArgumentException("CutOut numHoles must be >= 1, got " + numHoles);
    }
    if (!(length > 0 && length <= 1)) {
      throw new IllegalArgumentException("CutOut length must be in (0, 1], got " + length);
    }
    this.numHoles = numHoles;
    this.length = length;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    int height = Math.toIntExact(x.getShape().get(2));
    int width = Math.toIntExact(x.getShape().get(3));
    int half = halfSide(length, height, width);
    Random random = step.random("cutout");
    int[][] centres = new int[numHoles][];
    for (int i = 0; i < numHoles; i++) {
      // Composer draws y, then x, from NumPy's generator; the order here is immaterial (the
      // draws come from another generator) and is kept so that runs repeat across versions.
      int cx = random.nextInt(width);
      int cy = random.nextInt(height);
      centres[i] = new int[] {cy, cx};
    }
    NDArray mask =
        step.manager()
            .create(mask(height, width, half, centres), new Shape(1, 1, height, width))
            .toType(x.getDataType(), false);
    step.setInputs(x.mul(mask));
  }

  /**
   * {@code ⌊L/2⌋} for the nominal side {@code L = ⌊length · min(h, w)⌋}.
   *
   * @throws InvalidInputException if that is 0: every hole would be empty
   */
  public static int halfSide(double length, int height, int width) {
    int side = (int) (length * Math.min(height, width));
    if (side / 2 == 0) {
      throw new InvalidInputException(
          "@CutOut(length = "
              + length
              + ") makes holes of "
              + side
              + " pixel(s) on "
              + height
              + "x"
              + width
              + " images, which cut out nothing; use a length of at least "
              + 2.0 / Math.min(height, width));
    }
    return side / 2;
  }

  /**
   * The {@code h × w} mask, row by row: 0 in each hole {@code [y − half, y + half) × [x − half, x +
   * half)} (clipped), 1 elsewhere.
   *
   * @param centres each hole's centre as {@code {y, x}}
   */
  public static float[] mask(int height, int width, int half, int[][] centres) {
    float[] mask = new float[height * width];
    Arrays.fill(mask, 1f);
    for (int[] centre : centres) {
      int y0 = Math.max(0, centre[0] - half);
      int y1 = Math.min(height, centre[0] + half);
      int x0 = Math.max(0, centre[1] - half);
      int x1 = Math.min(width, centre[1] + half);
      for (int y = y0; y < y1; y++) {
        Arrays.fill(mask, y * width + x0, y * width + x1, 0f);
      }
    }
    return mask;
  }
}
