package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.KjvCorpus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real language-model {@link Run}s for speedup tests: the catalog's toy GPT on windows of {@value
 * #T} byte tokens of the embedded Book of Genesis, in batches of {@value #BATCH}, evaluated on
 * {@value #EVAL_WINDOWS} validation windows: a step takes a few tens of milliseconds on a CPU.
 */
final class GptRuns {
  static final int T = 16;
  static final int BATCH = 4;
  static final int EVAL_WINDOWS = 8;

  private GptRuns() {}

  /** A run of {@code epochs} epochs of {@code stepsPerEpoch} steps each. */
  static Run open(
      NDManager manager,
      Path out,
      int stepsPerEpoch,
      int epochs,
      ParameterUpdater optimizer,
      LrSchedule schedule) {
    RunSpec spec =
        RunSpec.builder()
            .setPipeline("test.TinyGpt")
            .setEpochs(epochs)
            .setBatchSize(BATCH)
            .setClasses(ByteTokens.VOCABULARY)
            .optSequenceLength(T)
            .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
            .build();
    TextDataset train =
        TextDataset.builder()
            .setSplit(Split.TRAIN)
            .optCorpus(KjvCorpus.excerpt(null))
            .optTokensPerEpoch((long) T * BATCH * stepsPerEpoch)
            .build();
    TextDataset eval =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optCorpus(KjvCorpus.excerpt(null))
            .optWindowLimit(EVAL_WINDOWS)
            .build();
    RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false);
    return new Runs(options, manager).open(spec, model(), train, eval, optimizer, schedule);
  }

  /** The catalog's toy GPT over byte tokens, for windows of up to {@value #T} tokens. */
  static Block model() {
    return new Models().gpt(GptSize.TOY, ByteTokens.VOCABULARY, T);
  }

  /** AdamW at 1e-3 with the baseline's betas and {@code weightDecay} of its own. */
  static ParameterUpdater adamW(double weightDecay) {
    return AdamWOptimizer.builder()
        .setLearningRate(1e-3)
        .optBeta1(0.9)
        .optBeta2(0.99)
        .optEpsilon(1e-8)
        .optWeightDecay(weightDecay)
        .build();
  }

  /** Every parameter's values now, by name, in the model's order. */
  static Map<String, float[]> weights(Block model) {
    Map<String, float[]> weights = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.getParameters()) {
      weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
    return weights;
  }

  /** Every parameter's gradient now, by name (those without one are left out). */
  static Map<String, float[]> gradients(Block model) {
    Map<String, float[]> gradients = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.getParameters()) {
      NDArray array = p.getValue().getArray();
      if (array.hasGradient()) {
        try (NDArray g = array.getGradient()) {
          gradients.put(p.getKey(), g.toFloatArray());
        }
      }
    }
    return gradients;
  }

  /** The L2 norm of all of {@code arrays} together, in double. */
  static double globalNorm(Map<String, float[]> arrays) {
    double sum = 0;
    for (float[] a : arrays.values()) {
      for (float x : a) {
        sum += (double) x * x;
      }
    }
    return Math.sqrt(sum);
  }

  /**
   * Writes {@code values} into the model's parameters in place, as {@link SamMethod} restores them
   * (through an index, so the arrays stay the ones the optimizer and the gradients know).
   */
  static void setWeights(Block model, Map<String, float[]> values, NDManager scratch) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      NDArray weight = p.getValue().getArray();
      try (NDArray value = scratch.create(values.get(p.getKey()), weight.getShape())) {
        weight.set(new NDIndex(":"), value);
      }
    }
  }

  /** The name of the GPT's token matrix, which is also its output projection. */
  static String tokensName(Block model) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getKey().endsWith("tokens")) {
        return p.getKey();
      }
    }
    throw new AssertionError("no token matrix in " + model.getParameters().keys());
  }
}
