package dev.hasten.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.text.CorpusSplit;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.SplitText;
import dev.hasten.runtime.text.TokenWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Muon trains the catalog's GPT on the embedded Genesis excerpt, each parameter by its rule. */
class MuonTrainingTest {
  private static final int CONTEXT = 32;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(7);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void tenStepsLowerTheValidationLossAndKeepBuffersForMatricesAndMomentsForTheRest() {
    Block gpt = new Models().gpt(GptSize.TOY, 256, CONTEXT);
    gpt.initialize(manager, DataType.FLOAT32, new Shape(1, CONTEXT));
    SplitText text = CorpusSplit.standard().apply(KjvCorpus.excerpt(null));
    TokenWindows train = TokenWindows.training(text, CONTEXT);
    TokenWindows held = TokenWindows.validation(text, CONTEXT);
    NDList validation = held.batch(manager, held.tiling(32));
    List<Parameter> parameters = new ArrayList<>(gpt.getParameters().values());
    for (Parameter p : parameters) {
      p.getArray().setRequiresGradient(true);
    }
    // Nearly uniform at the start, ln 256 = 5.545 nats (see GptTest).
    double initial = loss(gpt, validation, false).getFloat();
    Map<String, NDArray> state;
    try (MuonOptimizer muon =
        MuonOptimizer.builder().setLearningRate(0.02).optAdamW(1e-2, 0.9, 0.95, 0).build()) {
      muon.prepare(gpt);
      for (int step = 0; step < 10; step++) {
        try (NDManager stepManager = manager.newSubManager()) {
          NDList batch = train.batch(stepManager, train.starts(1, step, 8));
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss(gpt, batch, true));
          }
          muon.update(parameters, 0.02);
        }
      }
      state = muon.saveState(gpt.getParameters(), manager);
    }
    double trained = loss(gpt, validation, false).getFloat();
    // As AdamW does in GptTest: the byte frequencies alone are worth over 2 nats.
    assertTrue(trained < initial - 1.0, "validation loss " + initial + " → " + trained);

    int buffers = 0;
    for (Pair<String, Parameter> named : gpt.getParameters()) {
      boolean matrix = state.containsKey("momentum/" + named.getKey());
      boolean moments = state.containsKey("m/" + named.getKey());
      assertTrue(matrix ^ moments, named.getKey() + " has the state of exactly one rule");
      buffers += matrix ? 1 : 0;
    }
    // 4 decoder blocks × (query-key-value, attention projection, two feed-forward Linears)
    assertEquals(16, buffers);
  }

  private NDArray loss(Block gpt, NDList batch, boolean training) {
    NDArray logits =
        gpt.forward(new ParameterStore(manager, false), new NDList(batch.get(0)), training)
            .singletonOrThrow();
    return CrossEntropy.meanOfLabels(logits, batch.get(1));
  }
}
