package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.export.PredictionTally;
import dev.hasten.runtime.export.RunExport;
import dev.hasten.runtime.export.TokenEvaluation;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Progress;
import dev.hasten.runtime.report.TestScores;
import dev.hasten.runtime.text.BitsPerCharacter;

/**
 * The run's evaluations: an inference pass over the evaluation split in bounded chunks (read ahead
 * in order on the streamed path, so memory stays bounded there too), the test accuracy and loss it
 * records (for a language model: next-token accuracy and mean nats per token over every predicted
 * position of the validation windows, and bits per character), the best accuracy and loss so far,
 * and the model export that follows the evaluation after the run's last step.
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
  private final MetricsLog metrics;
  private final Progress progress;
  private final TrainingClock clock;
  private double lastTestAcc = Double.NaN;
  private double bestTestAcc = Double.NaN;
  private double lastTestLoss = Double.NaN;
  private double bestTestLoss = Double.NaN;

  /** Whether the model predicts a token at every position of a window (a language model). */
  private final boolean sequences;

  /**
   * A language model's evaluated tokens over the characters they cover (bits per character are nats
   * per token times this over ln 2); 1 for windows of another data set, whose text is not known.
   * Fixed by the evaluation windows, so a resumed run has the same.
   */
  private final double tokensPerCharacter;

  private long lastEvaluatedStep = -1;

  /** Writes the model folder after the last evaluation; null when the run exports nothing. */
  private RunExport export;

  private long exportedStep = -1;

  Evaluation(
      SplitData eval,
      RunSpec spec,
      Block model,
      ParameterStore parameterStore,
      NDManager manager,
      MetricsLog metrics,
      Progress progress,
      TrainingClock clock) {
    this.eval = eval;
    this.model = model;
    this.parameterStore = parameterStore;
    this.manager = manager;
    this.sequences = spec.isSequenceTask();
    this.tokensPerCharacter =
        sequences && eval instanceof WindowData
            ? BitsPerCharacter.tokensPerCharacter(
                eval.size() * eval.imageShape().get(0),
                ((WindowData) eval).labelCharacters(eval.size()))
            : 1;
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
    int chunkSize = chunkSize();
    long chunks = (examples + chunkSize - 1) / chunkSize;
    try (NDManager evalManager = manager.newSubManager();
        SplitData.Reader reader = eval.read(inOrder(examples), chunkSize, 0, chunks)) {
      PredictionTally tally = new PredictionTally(evalManager);
      for (long c = 0; c < chunks; c++) {
        try (NDManager chunk = evalManager.newSubManager()) {
          SplitData.Batch batch = reader.next(chunk);
          NDArray logits =
              model.forward(parameterStore, new NDList(batch.inputs()), false).singletonOrThrow();
          tally.add(logits, batch.labels());
        }
      }
      lastTestAcc = tally.correct() / (double) tally.predictions();
      lastTestLoss = tally.meanLoss();
      if (Double.isNaN(bestTestAcc) || lastTestAcc > bestTestAcc) {
        bestTestAcc = lastTestAcc;
      }
      if (Double.isNaN(bestTestLoss) || lastTestLoss < bestTestLoss) {
        bestTestLoss = lastTestLoss;
      }
      lastEvaluatedStep = step;
      TestScores scores;
      if (sequences) {
        double bitsPerCharacter = BitsPerCharacter.of(lastTestLoss, tokensPerCharacter);
        metrics.evaluation(
            epoch, step, clock.seconds(), lastTestAcc, lastTestLoss, bitsPerCharacter);
        scores = new TestScores(lastTestAcc, lastTestLoss, bitsPerCharacter);
      } else {
        metrics.evaluation(epoch, step, clock.seconds(), lastTestAcc, lastTestLoss);
        scores = TestScores.ofImages(lastTestAcc, lastTestLoss);
      }
      progress.evaluation(epoch, step, scores, clock.seconds());
    }
  }

  /**
   * Examples per forward pass: {@value #EVAL_CHUNK} images, or windows of {@link
   * TokenEvaluation#CHUNK_TOKENS} tokens, as {@code hasten evaluate} reads them.
   */
  private int chunkSize() {
    return sequences ? TokenEvaluation.windowsPerChunk((int) eval.imageShape().get(0)) : EVAL_CHUNK;
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
  void resumeFrom(RunCounters counters) {
    this.lastTestAcc = counters.lastTestAcc();
    this.bestTestAcc = counters.bestTestAcc();
    this.lastTestLoss = counters.lastTestLoss();
    this.bestTestLoss = counters.bestTestLoss();
    this.lastEvaluatedStep = counters.lastEvaluatedStep();
  }

  /** The last evaluation's test accuracy; NaN before the first. */
  double lastTestAcc() {
    return lastTestAcc;
  }

  /** The best test accuracy of any evaluation so far; NaN before the first. */
  double bestTestAcc() {
    return bestTestAcc;
  }

  /** The last evaluation's mean loss per prediction (nats per token for text); NaN before. */
  double lastTestLoss() {
    return lastTestLoss;
  }

  /** The lowest loss of any evaluation so far; NaN before the first. */
  double bestTestLoss() {
    return bestTestLoss;
  }

  /** Evaluated tokens over the characters they cover, for bits per character. */
  double tokensPerCharacter() {
    return tokensPerCharacter;
  }

  /** The step of the last evaluation; -1 before the first. */
  long lastEvaluatedStep() {
    return lastEvaluatedStep;
  }
}
