package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.export.RunExport;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Progress;

/**
 * The run's evaluations: an inference pass over the evaluation split in bounded chunks (read ahead
 * in order on the streamed path, so memory stays bounded there too), the test accuracy and loss it
 * records, the best accuracy so far, and the model export that follows the evaluation after the
 * run's last step.
 *
 * <p>Why it exists: evaluation is the one part of a run that sees the model in inference mode and
 * off the training clock, and its results (last and best accuracy, the step last evaluated) are
 * what checkpoints save and the summary reports; the export belongs with it because the exported
 * weights must be the ones the last evaluation saw.
 */
final class Evaluation {
  /** Examples per forward pass in evaluation; bounded to keep activations small. */
  private static final int EVAL_CHUNK = 500;

  /** The evaluation split; null when the run evaluates nothing. */
  private final SplitData eval;

  private final Block model;
  private final ParameterStore parameterStore;
  private final NDManager manager;
  private final int classes;
  private final MetricsLog metrics;
  private final Progress progress;
  private final TrainingClock clock;
  private double lastTestAcc = Double.NaN;
  private double bestTestAcc = Double.NaN;
  private long lastEvaluatedStep = -1;

  /** Writes the model folder after the last evaluation; null when the run exports nothing. */
  private RunExport export;

  private long exportedStep = -1;

  Evaluation(
      SplitData eval,
      Block model,
      ParameterStore parameterStore,
      NDManager manager,
      int classes,
      MetricsLog metrics,
      Progress progress,
      TrainingClock clock) {
    this.eval = eval;
    this.model = model;
    this.parameterStore = parameterStore;
    this.manager = manager;
    this.classes = classes;
    this.metrics = metrics;
    this.progress = progress;
    this.clock = clock;
  }

  /** Whether the run has evaluation data (without it, {@link #evaluate} is never called). */
  boolean hasData() {
    return eval != null;
  }

  /**
   * Evaluates the model (whatever weights are in it now) after {@code step} steps, in inference
   * mode; records test accuracy and loss in metrics.jsonl and the progress line. The clock must be
   * stopped.
   */
  void evaluate(int epoch, long step) {
    long examples = eval.size();
    long chunks = (examples + EVAL_CHUNK - 1) / EVAL_CHUNK;
    try (NDManager evalManager = manager.newSubManager();
        SplitData.Reader reader = eval.read(inOrder(examples), EVAL_CHUNK, 0, chunks)) {
      NDArray correct = evalManager.zeros(new Shape(), DataType.INT64);
      NDArray lossTotal = evalManager.zeros(new Shape(), DataType.FLOAT32);
      for (long c = 0; c < chunks; c++) {
        try (NDManager chunk = evalManager.newSubManager()) {
          SplitData.Batch batch = reader.next(chunk);
          NDArray x = batch.inputs();
          NDArray y = batch.labels();
          NDArray logits = model.forward(parameterStore, new NDList(x), false).singletonOrThrow();
          correct.addi(logits.argMax(-1).eq(y).sum());
          NDArray perExample = logits.logSoftmax(-1).mul(y.oneHot(classes)).sum(new int[] {-1});
          lossTotal.subi(perExample.sum());
        }
      }
      lastTestAcc = correct.getLong() / (double) examples;
      double testLoss = lossTotal.getFloat() / examples;
      if (Double.isNaN(bestTestAcc) || lastTestAcc > bestTestAcc) {
        bestTestAcc = lastTestAcc;
      }
      lastEvaluatedStep = step;
      metrics.evaluation(epoch, step, clock.seconds(), lastTestAcc, testLoss);
      progress.evaluation(epoch, step, lastTestAcc, clock.seconds());
    }
  }

  /** {@code 0, 1, …, n − 1}: evaluation reads the split in order, in chunks. */
  static long[] inOrder(long n) {
    long[] order = new long[Math.toIntExact(n)];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Exports the model with the weights of the run's last evaluation. */
  void exportWith(RunExport export) {
    this.export = export;
  }

  /**
   * Exports the model as it is now (the weights evaluation sees) if {@code step} is at or past
   * {@code stepLimit}, the run's last step, and this step is not exported yet.
   */
  void exportAfterLastStep(long step, long stepLimit) {
    if (step >= stepLimit) {
      exportOnce(step);
    }
  }

  /** Exports the model as it is now, unless it was already exported at {@code step}. */
  void exportOnce(long step) {
    if (export != null && exportedStep != step) {
      export.write(model, step);
      exportedStep = step;
    }
  }

  /** Continues a resumed run's record of evaluations. */
  void resumeFrom(double lastTestAcc, double bestTestAcc, long lastEvaluatedStep) {
    this.lastTestAcc = lastTestAcc;
    this.bestTestAcc = bestTestAcc;
    this.lastEvaluatedStep = lastEvaluatedStep;
  }

  /** The last evaluation's test accuracy; NaN before the first. */
  double lastTestAcc() {
    return lastTestAcc;
  }

  /** The best test accuracy of any evaluation so far; NaN before the first. */
  double bestTestAcc() {
    return bestTestAcc;
  }

  /** The step of the last evaluation; -1 before the first. */
  long lastEvaluatedStep() {
    return lastEvaluatedStep;
  }
}
