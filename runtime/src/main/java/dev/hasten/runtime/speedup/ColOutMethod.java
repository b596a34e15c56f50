package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.hasten.dsl.speedup.ColOut;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link ColOut} (Composer's {@code colout_batch}): keeps {@code ⌊h·(1 − pRow)⌋} rows and {@code
 * ⌊w·(1 − pCol)⌋} columns of each batch, chosen at random and kept in their order, the same for
 * every example. The image shrinks (28×28 → 23×23 at the defaults), so the step is cheaper.
 *
 * <p>Per step: two index uploads and two gathers on the device; the rows and columns come from
 * {@code step.random("colout")}.
 */
public final class ColOutMethod implements BatchTransform {
  private final double pRow;
  private final double pCol;

  /** From the pipeline's annotation. */
  public ColOutMethod(ColOut config) {
    this(config.pRow(), config.pCol());
  }

  /**
   * @param pRow the fraction of rows dropped, in [0, 1)
   * @param pCol the fraction of columns dropped, in [0, 1); not both 0
   */
  public ColOutMethod(double pRow, double pCol) {
    if (!(pRow >= 0 && pRow < 1 && pCol >= 0 && pCol < 1)) {
      throw new IllegalArgumentException(
          "ColOut pRow and pCol must be in [0, 1), got " + pRow + " and " + pCol);
    }
    if (pRow == 0 && pCol == 0) {
      throw new InvalidInputException(
          "@ColOut(pRow = 0, pCol = 0) would drop nothing; set pRow or pCol above 0");
    }
    this.pRow = pRow;
    this.pCol = pCol;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray x = step.inputs();
    int height = Math.toIntExact(x.getShape().get(2));
    int width = Math.toIntExact(x.getShape().get(3));
    Random random = step.random("colout");
    long[] rows = keptIndices(height, keptCount(height, pRow), random);
    long[] cols = keptIndices(width, keptCount(width, pCol), random);
    if (rows.length < height) {
      x = x.get(new NDIndex(":, :, {}", step.manager().create(rows)));
    }
    if (cols.length < width) {
      x = x.get(new NDIndex(":, :, :, {}", step.manager().create(cols)));
    }
    step.setInputs(x);
  }

  /** {@code ⌊n·(1 − p)⌋}, at least 1. */
  public static int keptCount(int n, double p) {
    return Math.max(1, (int) (n * (1 - p)));
  }

  /**
   * {@code kept} of the indices {@code 0 … n−1}, uniformly at random (the first {@code kept} of a
   * random permutation), in increasing order.
   */
  public static long[] keptIndices(int n, int kept, Random random) {
    long[] chosen = Arrays.copyOf(Mixing.permutation(random, n), kept);
    Arrays.sort(chosen);
    return chosen;
  }
}
