package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.text.TokenWindows;

/**
 * The training batches of a language model: row {@code r} of step {@code t} is the window {@link
 * TokenWindows#start(long, long, int)} draws from the seed, {@code t} and {@code r}, not a place in
 * an epoch's permutation. Epochs only count steps; there is no order to shuffle or reader to start,
 * and a resumed run draws the windows of its next step from the step number alone.
 */
final class RandomWindowBatches implements TrainingBatches {
  private final TokenWindows windows;
  private final long seed;
  private final int batchSize;

  RandomWindowBatches(TokenWindows windows, long seed, int batchSize) {
    this.windows = windows;
    this.seed = seed;
    this.batchSize = batchSize;
  }

  @Override
  public void startEpoch(SplitData train, int epoch, long first, long end) {}

  /** Inputs and labels int64 {@code [batch, T]}, the rows of step {@code step}. */
  @Override
  public SplitData.Batch next(long step, NDManager into) {
    NDList both = windows.batch(into, windows.starts(seed, step, batchSize));
    return new SplitData.Batch(both.get(0), both.get(1));
  }

  @Override
  public void close() {}
}
