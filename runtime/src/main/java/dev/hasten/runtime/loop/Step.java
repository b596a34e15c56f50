package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Random;
import java.util.function.Predicate;

/**
 * One training step as the speedups see it: the batch on the device, the soft targets, and, once
 * computed, the logits and the loss. Everything a step allocates lives in {@link #manager()}, which
 * the loop closes when the step ends.
 *
 * <p>Inputs are NCHW float images; {@link #labels()} are the class indices of the batch as loaded;
 * {@link #targets()} starts as their one-hot encoding ({@code [batch, classes]} float) and is what
 * speedups mix or smooth and what the loss is computed against. A step the loop makes encodes them
 * only when something reads them: a step whose targets no speedup touches is trained against its
 * labels ({@link #targetsRead}), the same loss without an array the size of the logits.
 *
 * <p>For a language model the inputs are int64 token ids {@code [batch, T]}, the labels the next
 * tokens {@code [batch, T]} and the targets {@code [batch, T, vocabulary]}; speedups that train on
 * shorter windows cut all three with {@link #truncateSequences}.
 */
public final class Step {
  private final Block model;
  private final NDManager manager;
  private final long index;
  private final int epoch;
  private final double progress;
  private final long seed;
  private NDArray labels;
  private NDArray inputs;

  /** Null until read or set, for a step told the {@link #classes} to encode its labels over. */
  private NDArray targets;

  /** The classes of the labels' one-hot encoding; 0 when the targets were given. */
  private int classes;

  private NDArray logits;
  private NDArray loss;
  private Predicate<Parameter> readInForward = parameter -> true;

  /**
   * @param model the model being trained (its parameters are the training weights)
   * @param manager the per-step manager every array of this step belongs to
   * @param index the global step number, from 0
   * @param epoch the epoch, from 0
   * @param progress the fraction of the run completed before this step, in [0, 1)
   * @param seed the run's seed; with {@code index} it fixes every random draw of this step
   * @param inputs the batch's images, NCHW
   * @param labels the batch's class indices
   * @param targets the batch's soft targets, {@code [batch, classes]}
   */
  public Step(
      Block model,
      NDManager manager,
      long index,
      int epoch,
      double progress,
      long seed,
      NDArray inputs,
      NDArray labels,
      NDArray targets) {
    this.model = model;
    this.manager = manager;
    this.index = index;
    this.epoch = epoch;
    this.progress = progress;
    this.seed = seed;
    this.inputs = inputs;
    this.labels = labels;
    this.targets = targets;
  }

  /**
   * Makes the targets, when none were given, the labels' one-hot encoding over {@code classes},
   * encoded when first read.
   */
  void encodeLabelsOver(int classes) {
    this.classes = classes;
  }

  public Block model() {
    return model;
  }

  public NDManager manager() {
    return manager;
  }

  public long index() {
    return index;
  }

  public int epoch() {
    return epoch;
  }

  /** The fraction of the run completed before this step, in [0, 1). */
  public double progress() {
    return progress;
  }

  public NDArray inputs() {
    return inputs;
  }

  public void setInputs(NDArray inputs) {
    this.inputs = inputs;
  }

  public NDArray labels() {
    return labels;
  }

  /**
   * Keeps the first {@code length} positions of each sequence: inputs, labels and targets alike, so
   * the model trains on shorter windows (for a language model; {@code length} at most the current
   * one). Position {@code t}'s label is still the token after input {@code t}.
   */
  public void truncateSequences(long length) {
    long current = inputs.getShape().get(1);
    if (length < 1 || length > current) {
      throw new IllegalArgumentException(
          "cannot cut windows of " + current + " tokens to " + length);
    }
    if (length == current) {
      return;
    }
    String first = ":, :" + length;
    inputs = inputs.get(first);
    labels = labels.get(first);
    if (targets != null) {
      targets = targets.get(first);
    }
  }

  /** The soft targets; the labels' one-hot encoding until a speedup sets others. */
  public NDArray targets() {
    if (targets == null && classes > 0) {
      targets = labels.oneHot(classes);
    }
    return targets;
  }

  /**
   * Whether the targets were read or set: if not, they are still the labels' one-hot encoding,
   * never made, and the loss is the cross-entropy at the labels.
   */
  boolean targetsRead() {
    return targets != null;
  }

  public void setTargets(NDArray targets) {
    this.targets = targets;
  }

  public NDArray logits() {
    return logits;
  }

  public void setLogits(NDArray logits) {
    this.logits = logits;
  }

  public NDArray loss() {
    return loss;
  }

  public void setLoss(NDArray loss) {
    this.loss = loss;
  }

  /**
   * Whether this step's training forward pass read {@code parameter}, so that it can have a
   * gradient this step; a parameter it did not read takes no update and no decay. True of every
   * parameter in a step made outside a run's loop.
   */
  public boolean readInForward(Parameter parameter) {
    return readInForward.test(parameter);
  }

  void setReadInForward(Predicate<Parameter> readInForward) {
    this.readInForward = readInForward;
  }

  /**
   * A random source for one purpose in this step, fixed by the run's seed, the step number and the
   * purpose. Being a function of the step rather than a stream, it needs no state to resume exactly
   * from a checkpoint.
   */
  public Random random(String purpose) {
    long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + purpose.hashCode();
    return new Random(mixed);
  }
}
