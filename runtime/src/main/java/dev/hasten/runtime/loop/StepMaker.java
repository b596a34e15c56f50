package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * Makes the steps of a run: each step's manager, its batch as the training split draws it ({@link
 * TrainingBatches}: an epoch's shuffled images, or text windows drawn from the seed and the step),
 * its one-hot targets ({@code [batch, classes]} for images, {@code [batch, T, vocabulary]} for
 * text), and the engine's seed for its own random draws.
 *
 * <p>Why it exists: everything a step starts with is a function of the seed, the epoch and the
 * step, on either data path; gathering it here keeps that rule in one place and the loop's
 * iteration in {@link Run} short.
 */
final class StepMaker implements AutoCloseable {
  private final RunSpec spec;
  private final Block model;
  private final NDManager manager;
  private final ForwardParameters parameterStore;

  /** The training split's way of drawing batches; made at the first epoch's start. */
  private TrainingBatches batches;

  StepMaker(RunSpec spec, Block model, NDManager manager, ForwardParameters parameterStore) {
    this.spec = spec;
    this.model = model;
    this.manager = manager;
    this.parameterStore = parameterStore;
  }

  /** Starts epoch {@code epoch} of {@code train} at its batch {@code first}, up to {@code end}. */
  void startEpoch(SplitData train, int epoch, long first, long end) {
    if (batches == null) {
      // Not in the constructor: data pruning may replace the split before the first step.
      batches = train.batches(spec.seed(), spec.batchSize());
    }
    batches.startEpoch(train, epoch, first, end);
  }

  /** Step {@code globalStep} (from 0) of {@code totalSteps}, with the epoch's next batch. */
  Step next(int epoch, long globalStep, long totalSteps) {
    // libtorch's own draws (dropout, stochastic depth) depend on (seed, step) only, so a resumed
    // run makes the same ones without saving the generator's state.
    manager.getEngine().setRandomSeed((int) (spec.seed() * 31 + globalStep));
    NDManager stepManager = manager.newSubManager();
    SplitData.Batch batch = batches.next(globalStep, stepManager);
    NDArray inputs = batch.inputs();
    NDArray labels = batch.labels();
    double done = (double) globalStep / totalSteps;
    parameterStore.clear();
    Step step =
        new Step(model, stepManager, globalStep, epoch, done, spec.seed(), inputs, labels, null);
    step.encodeLabelsOver(spec.classes());
    step.setReadInForward(parameterStore::wasRead);
    return step;
  }

  /** Stops the current epoch's reader. */
  @Override
  public void close() {
    if (batches != null) {
      batches.close();
    }
  }
}
