package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.text.TokenWindows;
import dev.hasten.runtime.text.TokenizedText;

/**
 * A side of a text split as the loop reads it: windows of {@code T} tokens, made on the host from
 * the corpus bytes when a batch is asked for (a batch is a few kilobytes of token ids, so there is
 * nothing to hold resident or to stream).
 *
 * <p>Example {@code i} of the training side is its window number {@code i} in text order (every
 * distinct window), but a run does not walk them: its steps draw windows from the seed and the step
 * ({@link #batches}), and an epoch is the stated tokens per epoch ({@link #examplesPerEpoch}).
 * Example {@code i} of the validation side is window {@code i} of its evaluation tiling, which
 * evaluation reads in order.
 */
final class WindowData implements SplitData {
  private final TextDataset dataset;
  private final TokenWindows windows;
  private final int[] tiling;

  /** {@code dataset}, whose window length the run has applied. */
  WindowData(TextDataset dataset) {
    this.dataset = dataset;
    this.windows = dataset.windows();
    this.tiling = dataset.split() == Split.TRAIN ? null : dataset.evaluationWindows();
  }

  @Override
  public long size() {
    return tiling == null ? windows.count() : tiling.length;
  }

  /** Windows of the tokens per epoch: steps per epoch are these over the batch size. */
  @Override
  public long examplesPerEpoch() {
    return tiling == null ? Math.max(1, dataset.tokensPerEpoch() / windows.length()) : size();
  }

  /** One window's shape, {@code [T]}. */
  @Override
  public Shape imageShape() {
    return new Shape(windows.length());
  }

  /** Inputs and labels int64 {@code [indices.length, T]}. */
  @Override
  public Batch gather(NDManager into, long[] indices) {
    int[] starts = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      starts[i] =
          tiling == null ? windows.windowStart(indices[i]) : tiling[Math.toIntExact(indices[i])];
    }
    NDList both = windows.batch(into, starts);
    return new Batch(both.get(0), both.get(1));
  }

  /** The tokens the windows are made of, and their tokenizer. */
  TokenizedText tokens() {
    return dataset.tokens();
  }

  /**
   * The characters the labels of examples {@code [0, count)} cover: what evaluation divides its
   * loss by for bits per character.
   */
  long labelCharacters(long count) {
    int[] starts = new int[Math.toIntExact(count)];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = tiling == null ? windows.windowStart(i) : tiling[i];
    }
    return windows.labelCharacters(starts);
  }

  @Override
  public TrainingBatches batches(long seed, int batchSize) {
    return new RandomWindowBatches(windows, seed, batchSize);
  }

  @Override
  public String fingerprint() {
    return dataset.fingerprint();
  }

  @Override
  public Residency residency() {
    return Residency.RESIDENT;
  }

  @Override
  public long skippedImages() {
    return 0;
  }
}
