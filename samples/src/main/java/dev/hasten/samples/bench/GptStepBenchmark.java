package dev.hasten.samples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.CorpusSplit;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.SplitText;
import dev.hasten.runtime.text.TokenWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw training step of {@link Models#gpt}, timed: windows of the King James Bible drawn from
 * the seed and the step, forward, next-token loss, backward and an AdamW update, with nothing of a
 * training run around it (no loop, schedule, evaluation or checkpoint). The counterpart of {@code
 * scripts/kjv-anchor.py --benchmark}, which times the same step in PyTorch eager: same model,
 * initialisation, corpus, windows, batch and optimiser settings. Prints one JSON line, with
 * libtorch's intra-op thread count (DJL's default: one per core).
 *
 * <p>Run: {@code ./hasten-bench GptStepBenchmark [size] [context] [batch] [steps] [warmup]},
 * defaults {@code toy 128 16 30 5}.
 */
public final class GptStepBenchmark {
  private GptStepBenchmark() {}

  public static void main(String[] args) {
    GptSize size = GptSize.valueOf(arg(args, 0, "toy").toUpperCase(Locale.ROOT));
    int context = Integer.parseInt(arg(args, 1, "128"));
    int batch = Integer.parseInt(arg(args, 2, "16"));
    int steps = Integer.parseInt(arg(args, 3, "30"));
    int warmup = Integer.parseInt(arg(args, 4, "5"));
    long seed = 42;
    double lr = 1e-3;

    Corpus corpus = KjvCorpus.load(null);
    corpus.notice().ifPresent(System.err::println);
    SplitText text = CorpusSplit.standard().apply(corpus);
    TokenWindows windows = TokenWindows.training(text, context);
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager manager = NDManager.newBaseManager();
        AdamWOptimizer adamW =
            AdamWOptimizer.builder()
                .setLearningRate(lr)
                .optBeta1(0.9)
                .optBeta2(0.999)
                .optEpsilon(1e-8)
                .optWeightDecay(0.01)
                .build()) {
      Block gpt = new Models().gpt(size, ByteTokens.VOCABULARY, context);
      gpt.initialize(manager, DataType.FLOAT32, new Shape(1, context));
      List<Parameter> parameters = new ArrayList<>(gpt.getParameters().values());
      ParameterStore store = new ParameterStore(manager, false);
      float loss = 0;
      for (int t = 0; t < warmup; t++) {
        loss = step(gpt, store, windows, manager, adamW, parameters, seed, t, batch, lr);
      }
      long began = System.nanoTime();
      for (int t = warmup; t < warmup + steps; t++) {
        loss = step(gpt, store, windows, manager, adamW, parameters, seed, t, batch, lr);
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "{\"event\": \"done\", \"side\": \"hasten\", \"size\": \"%s\", \"context\": %d,"
              + " \"batch\": %d, \"threads\": %d, \"steps\": %d, \"seconds\": %.3f,"
              + " \"steps_per_s\": %.4f, \"last_train_loss\": %.4f, \"corpus\": \"%s\"}%n",
          size.name().toLowerCase(Locale.ROOT),
          context,
          batch,
          JniUtils.getNumThreads(),
          steps,
          seconds,
          steps / seconds,
          loss,
          corpus.description());
    }
  }

  /** One step; reads the loss back, as the anchor's {@code loss.item()} does. */
  private static float step(
      Block gpt,
      ParameterStore store,
      TokenWindows windows,
      NDManager manager,
      AdamWOptimizer adamW,
      List<Parameter> parameters,
      long seed,
      long t,
      int batch,
      double lr) {
    try (NDManager stepManager = manager.newSubManager()) {
      NDList data = windows.batch(stepManager, windows.starts(seed, t, batch));
      float value;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = gpt.forward(store, new NDList(data.get(0)), true).singletonOrThrow();
        NDArray loss = CrossEntropy.meanOfLabels(logits, data.get(1));
        collector.backward(loss);
        value = loss.getFloat();
      }
      adamW.update(parameters, lr);
      return value;
    }
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }
}
