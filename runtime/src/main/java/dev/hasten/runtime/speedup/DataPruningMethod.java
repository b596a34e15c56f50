package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.speedup.DataPruning;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.SplitData;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * {@link DataPruning}: before the first step, trains the run's model for {@code scoringEpochs}
 * epochs on the whole training split, scores every example by EL2N (Paul et al. 2021), puts the
 * model's initial weights back, and has the run keep only the {@code keepFraction} of the examples
 * with the highest scores.
 *
 * <p>EL2N of an example is {@code ‖softmax(f(x)) − onehot(y)‖₂}, the error of the warmed-up model
 * on it: near 0 for an example it already gets right with confidence, up to {@code √2} for one it
 * confidently gets wrong. The easiest examples are pruned. Paul et al. average the score over ten
 * warm-ups from different initialisations; this scores with one, from the run's own initial
 * weights, so the training that follows starts from exactly the weights an unpruned run would.
 *
 * <p>The warm-up and the scoring read the training split through {@link SplitData#read}, so they
 * run on the resident and the streamed path alike, with the same batches.
 *
 * <p>The warm-up is its own small loop: plain SGD with momentum 0.9 at {@code scoringLr}, no weight
 * decay or schedule, batches of the pipeline's batch size in an order fixed by the seed; its
 * momentum buffers are dropped afterwards. The run's optimizer and schedule are untouched. Scores
 * are computed in inference mode, in chunks of {@value #SCORE_CHUNK}.
 *
 * <p>State: the kept examples, so that a resumed run trains on the same ones without scoring again
 * (the loop must restore state before {@code FIT_START}).
 */
public final class DataPruningMethod implements FitStartHook, Stateful {
  private static final int SCORE_CHUNK = 500;
  private static final double WARM_UP_MOMENTUM = 0.9;
  private static final String KEPT = "kept";
  private static final NDIndex ALL = new NDIndex(":");

  private final double keepFraction;
  private final int scoringEpochs;
  private final double scoringLr;

  /** The kept examples' positions in the full training split, once chosen or restored. */
  private long[] kept;

  private boolean applied;

  /** From the pipeline's annotation. */
  public DataPruningMethod(DataPruning config) {
    this(config.keepFraction(), config.scoringEpochs(), config.scoringLr());
  }

  /**
   * @param keepFraction the fraction of the examples kept, in (0, 1)
   * @param scoringEpochs epochs of warm-up before scoring, at least 1
   * @param scoringLr the warm-up's learning rate, above 0
   */
  public DataPruningMethod(double keepFraction, int scoringEpochs, double scoringLr) {
    if (!(keepFraction > 0 && keepFraction < 1)) {
      throw new IllegalArgumentException(
          "data pruning keepFraction must be in (0, 1), got " + keepFraction);
    }
    if (scoringEpochs < 1) {
      throw new IllegalArgumentException(
          "data pruning scoringEpochs must be >= 1, got " + scoringEpochs);
    }
    if (!(scoringLr > 0)) {
      throw new IllegalArgumentException("data pruning scoringLr must be > 0, got " + scoringLr);
    }
    this.keepFraction = keepFraction;
    this.scoringEpochs = scoringEpochs;
    this.scoringLr = scoringLr;
  }

  @Override
  public void onFitStart(Run run) {
    if (kept == null) {
      kept = chooseExamples(run);
    }
    run.keepTrainingExamples(kept);
    applied = true;
  }

  /** The kept examples' positions in the training split (null before {@code FIT_START}). */
  public long[] keptExamples() {
    return kept == null ? null : kept.clone();
  }

  /** Warm-up, scores, initial weights back: the positions of the examples to keep. */
  private long[] chooseExamples(Run run) {
    Block model = run.model();
    try (NDManager scope = run.manager().newSubManager()) {
      Map<Parameter, NDArray> initial = new LinkedHashMap<>();
      for (Parameter parameter : model.getParameters().values()) {
        initial.put(parameter, copyInto(scope, parameter.getArray()));
      }
      warmUp(run, scope);
      float[] scores = scores(model, run.trainData(), run.spec().classes(), scope);
      // In place, so that everything holding a parameter's array (the run's store) stays valid.
      initial.forEach((parameter, weights) -> parameter.getArray().set(ALL, weights));
      return hardest(scores, keptCount(scores.length, keepFraction));
    }
  }

  private void warmUp(Run run, NDManager scope) {
    RunSpec spec = run.spec();
    Block model = run.model();
    SplitData data = run.trainData();
    int examples = Math.toIntExact(data.size());
    int batch = Math.min(spec.batchSize(), examples);
    List<Parameter> parameters = new ArrayList<>(model.getParameters().values());
    ParameterStore store = new ParameterStore(scope, false);
    try (SgdOptimizer sgd =
        SgdOptimizer.builder().setLearningRate(scoringLr).optMomentum(WARM_UP_MOMENTUM).build()) {
      for (int epoch = 0; epoch < scoringEpochs; epoch++) {
        long[] order = Mixing.permutation(new Random(spec.seed() * 31 + epoch + 0xDA7AL), examples);
        long batches = examples / batch;
        try (SplitData.Reader reader = data.read(order, batch, 0, batches)) {
          for (long b = 0; b < batches; b++) {
            try (NDManager step = scope.newSubManager()) {
              SplitData.Batch read = reader.next(step);
              NDArray x = read.inputs();
              NDArray targets = read.labels().oneHot(spec.classes());
              // The engine's own collector: the warm-up's steps are not the run's (no profiling).
              try (GradientCollector gradients = scope.getEngine().newGradientCollector()) {
                NDArray logits = model.forward(store, new NDList(x), true).singletonOrThrow();
                gradients.backward(CrossEntropy.mean(logits, targets));
              }
              sgd.update(parameters, scoringLr);
            }
          }
        }
      }
    }
  }

  /**
   * The EL2N score of every example, from the model in inference mode, on the host.
   *
   * <p>Each chunk's forward pass lives in its own manager, closed before the next chunk: the
   * activations of a chunk of {@value #SCORE_CHUNK} 28×28 images through a small CNN are some
   * hundreds of MB, and keeping every chunk's until the end held the whole split's activations at
   * once (23.5 GB resident on full Fashion-MNIST). Only the scores, 4 bytes an example, outlive a
   * chunk. No autograd graph is recorded: scoring needs no gradient.
   */
  static float[] scores(Block model, SplitData data, int classes, NDManager scope) {
    int examples = Math.toIntExact(data.size());
    float[] scores = new float[examples];
    long[] inOrder = new long[examples];
    for (int i = 0; i < examples; i++) {
      inOrder[i] = i;
    }
    long chunks = (examples + SCORE_CHUNK - 1) / SCORE_CHUNK;
    ParameterStore store = new ParameterStore(scope, false);
    try (NoGradient noGradient = new NoGradient();
        SplitData.Reader reader = data.read(inOrder, SCORE_CHUNK, 0, chunks)) {
      for (int c = 0; c < chunks; c++) {
        int from = c * SCORE_CHUNK;
        try (NDManager chunk = scope.newSubManager()) {
          SplitData.Batch read = reader.next(chunk);
          NDArray x = read.inputs();
          NDArray y = read.labels();
          NDArray logits = model.forward(store, new NDList(x), false).singletonOrThrow();
          float[] part = el2n(logits, y.oneHot(classes)).toFloatArray();
          System.arraycopy(part, 0, scores, from, part.length);
        }
      }
    }
    return scores;
  }

  /** {@code ‖softmax(logits) − targets‖₂} for each example (row). */
  public static NDArray el2n(NDArray logits, NDArray targets) {
    NDArray error = logits.softmax(-1).sub(targets);
    return error.mul(error).sum(new int[] {-1}).sqrt();
  }

  /** {@code ⌊keepFraction · n⌋}, at least 1. */
  public static int keptCount(int examples, double keepFraction) {
    return Math.max(1, (int) (keepFraction * examples));
  }

  /**
   * The positions of the {@code count} highest scores (the earlier example first among equal
   * scores), in increasing order.
   */
  public static long[] hardest(float[] scores, int count) {
    Integer[] byScore = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(byScore, Comparator.comparingDouble((Integer i) -> -scores[i]));
    long[] chosen = new long[count];
    for (int i = 0; i < count; i++) {
      chosen[i] = byScore[i];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    return kept == null ? Map.of() : Map.of(KEPT, into.create(kept));
  }

  @Override
  public void loadState(Block model, Map<String, NDArray> state) {
    if (state.isEmpty()) {
      return;
    }
    NDArray saved = state.get(KEPT);
    if (saved == null || state.size() != 1) {
      throw new InvalidInputException(
          "the checkpoint's data pruning state holds " + state.keySet() + ", not [" + KEPT + "]");
    }
    long[] restored = saved.toLongArray();
    if (applied && !Arrays.equals(restored, kept)) {
      throw new IllegalStateException(
          "data pruning state was restored after FIT_START had pruned other examples");
    }
    kept = restored;
  }

  private static NDArray copyInto(NDManager manager, NDArray source) {
    NDArray copy = source.duplicate();
    copy.attach(manager);
    return copy;
  }
}
