package dev.hasten.runtime.speedup.surgery;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.InvalidInputException;
import java.util.Random;

/**
 * The square kernel, stride and padding of a DJL max-pool block. DJL 0.36 builds max-pools as
 * {@code LambdaBlock}s that keep no settings, so they are read by running the block on a probe
 * image of distinct values and finding the settings whose {@link Pool#maxPool2d} gives exactly the
 * same output. Kernels up to {@value #MAX_KERNEL} are tried; a ceil-mode pool is refused, since a
 * blur cannot reproduce its extra row and column.
 *
 * @param kernel the kernel's side
 * @param stride the stride
 * @param padding the padding on each side
 */
public record MaxPoolShape(int kernel, int stride, int padding) {
  static final int MAX_KERNEL = 7;

  /** Odd and prime, so that floor and ceil modes give different sizes for most settings. */
  private static final int PROBE_SIDE = 17;

  /**
   * Reads the settings of {@code pool}.
   *
   * @throws InvalidInputException if no square max-pool up to {@value #MAX_KERNEL} matches
   */
  public static MaxPoolShape of(Block pool) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray probe =
          manager.create(
              distinctValues(PROBE_SIDE * PROBE_SIDE), new Shape(1, 1, PROBE_SIDE, PROBE_SIDE));
      NDArray expected =
          pool.forward(new ParameterStore(manager, false), new NDList(probe), false)
              .singletonOrThrow();
      for (int kernel = 1; kernel <= MAX_KERNEL; kernel++) {
        for (int stride = 1; stride <= MAX_KERNEL; stride++) {
          for (int padding = 0; padding <= kernel / 2; padding++) {
            for (boolean ceil : new boolean[] {false, true}) {
              NDArray candidate =
                  Pool.maxPool2d(
                      probe,
                      new Shape(kernel, kernel),
                      new Shape(stride, stride),
                      new Shape(padding, padding),
                      ceil);
              if (candidate.getShape().equals(expected.getShape())
                  && candidate.contentEquals(expected)) {
                if (ceil) {
                  throw new InvalidInputException(
                      "@BlurPool cannot blur a ceil-mode max-pool: its blurred version would lose"
                          + " the extra row and column; use replaceMaxpools = false");
                }
                return new MaxPoolShape(kernel, stride, padding);
              }
            }
          }
        }
      }
    }
    throw new InvalidInputException(
        "@BlurPool cannot read the settings of a max-pool of the model (it blurs square max-pools"
            + " with kernels up to "
            + MAX_KERNEL
            + "); use replaceMaxpools = false");
  }

  /** {@code n} different values in a fixed shuffled order, so that every window has one maximum. */
  private static float[] distinctValues(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    Random random = new Random(n);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }
}
