package dev.hasten.runtime.speedup;

import dev.hasten.dsl.speedup.SeqLengthWarmup;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import dev.hasten.runtime.loop.stage.FitStartHook;

/**
 * {@link SeqLengthWarmup}: trains on the first {@code L} tokens of each window, {@code L} growing
 * linearly with the run's progress {@code p} (the fraction of steps done before the step):
 *
 * <pre>
 *   L = minSeqLength + stepSize·⌊(T − minSeqLength)·(p / duration) / stepSize⌋    while p &lt; duration
 *   L = T                                                                           after
 * </pre>
 *
 * where {@code T} is the batch's window. The inputs, labels and targets are cut alike ({@link
 * Step#truncateSequences}), so the loss is the mean over the positions trained.
 *
 * <p>This is Composer's schedule ({@code composer/algorithms/seq_length_warmup}) in its default
 * {@code truncate=True} mode, written as a function of progress: Composer counts in whole batches,
 * {@code L = min + step·⌊batch / ⌊warmupBatches / ⌊(max − min)/step⌋⌋⌋}, which is the same where
 * the warm-up's batches are a multiple of the increments; otherwise its floored batches per
 * increment reach the full length before {@code duration}, and with fewer warm-up batches than
 * increments it divides by zero. Here a step's length depends only on its progress, so a resumed
 * run trains on the same lengths.
 *
 * <p>What Composer does that this does not: {@code truncate=False} reshapes the tokens a batch cuts
 * off into extra rows of shorter windows, so that every token is trained on; here the cut tokens
 * are dropped, because windows are drawn at random each step (the dropped tokens are as likely as
 * any to come again) and a batch whose row count changes with the step would change the batch size
 * every other method sees. Composer also runs a forward and backward pass at the full length before
 * the first step, to reserve GPU memory that shorter batches would otherwise fragment, and raises
 * its gradient accumulation if that pass runs out of memory. Hasten has no gradient accumulation to
 * raise, so it does not make that pass: the shorter windows only ever need less memory than the
 * full ones, and a model whose full windows do not fit fails at its first full-length step, after
 * {@code duration}, instead of before the first step. Nor does it keep an end-of-sequence token
 * ({@code preserve_end_of_sequence}): the windows are cut from running text, with no such token.
 */
public final class SeqLengthWarmupMethod implements FitStartHook, BatchTransform {
  /**
   * Slack on the number of increments reached, so that a length the progress reaches exactly (0.06
   * of a 0.3 warm-up is 1/5 of it) is not lost to the rounding of the fractions.
   */
  private static final double EXACT = 1e-9;

  private final double duration;
  private final int minSeqLength;
  private final int stepSize;

  /** From the pipeline's annotation. */
  public SeqLengthWarmupMethod(SeqLengthWarmup config) {
    this(config.duration(), config.minSeqLength(), config.stepSize());
  }

  /**
   * @param duration the fraction of the run over which the length grows, in (0, 1]
   * @param minSeqLength tokens per window at the start, ≥ 1
   * @param stepSize the increment of the length, ≥ 1
   */
  public SeqLengthWarmupMethod(double duration, int minSeqLength, int stepSize) {
    if (!(duration > 0 && duration <= 1)) {
      throw new IllegalArgumentException("duration must be in (0, 1], got " + duration);
    }
    if (minSeqLength < 1) {
      throw new IllegalArgumentException("minSeqLength must be >= 1, got " + minSeqLength);
    }
    if (stepSize < 1) {
      throw new IllegalArgumentException("stepSize must be >= 1, got " + stepSize);
    }
    this.duration = duration;
    this.minSeqLength = minSeqLength;
    this.stepSize = stepSize;
  }

  @Override
  public void onFitStart(Run run) {
    requireShorterThan(run.spec().sequenceLength());
  }

  /**
   * Refuses a warm-up that would start at the full length: it would change nothing.
   *
   * @throws InvalidInputException unless {@code minSeqLength < sequenceLength}
   */
  public void requireShorterThan(int sequenceLength) {
    if (minSeqLength >= sequenceLength) {
      throw new InvalidInputException(
          "@SeqLengthWarmup: minSeqLength "
              + minSeqLength
              + " must be less than the sequence length, "
              + sequenceLength
              + ", or there is nothing to warm up");
    }
  }

  @Override
  public void transformBatch(Step step) {
    long full = step.inputs().getShape().get(1);
    step.truncateSequences(lengthAt(step.progress(), full));
  }

  /** The tokens per window at {@code progress} for windows of {@code full} tokens. */
  public long lengthAt(double progress, long full) {
    if (progress >= duration || minSeqLength >= full) {
      return full;
    }
    double grown = (full - minSeqLength) * progress / duration;
    long increments = (long) Math.floor(grown / stepSize + EXACT);
    return Math.min(minSeqLength + stepSize * increments, full);
  }
}
