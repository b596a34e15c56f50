package dev.hasten.runtime.optim;

import static dev.hasten.runtime.optim.MatrixParameters.giveGradients;
import static dev.hasten.runtime.optim.MatrixParameters.matrix;
import static dev.hasten.runtime.optim.MatrixParameters.model;
import static dev.hasten.runtime.optim.MatrixParameters.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.Muon;
import dev.hasten.runtime.model.Models;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MuonOptimizerTest {
  private static final float TOLERANCE = 2e-5f;

  private NDManager manager;

  /** The model's first layer: a 3×2 table, as an embedding holds. */
  private Parameter embedding;

  /** The one hidden matrix, between the first and the last layer. */
  private Parameter hidden;

  /** A bias beside it: one-dimensional, so AdamW's. */
  private Parameter bias;

  /** The last layer's matrix, the output layer. */
  private Parameter head;

  private Block model;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    embedding = matrix(manager, "embedding", new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}});
    hidden = matrix(manager, "hidden", new float[][] {{1f, 0.5f}, {0.5f, 1f}});
    bias = vector(manager, "bias", 1f, -1f);
    head = matrix(manager, "head", new float[][] {{0.5f, -0.5f}});
    model =
        model(new Parameter[] {embedding}, new Parameter[] {hidden, bias}, new Parameter[] {head});
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static MuonOptimizer muon(int nsSteps) {
    return MuonOptimizer.builder()
        .setLearningRate(0.1)
        .optMomentum(0.95)
        .optNesterov(true)
        .optNsSteps(nsSteps)
        .optWeightDecay(0.1)
        .optAdamW(0.01, 0.9, 0.95, 0.05)
        .build();
  }

  private NDArray constant(float[][] rows) {
    return manager.create(rows);
  }

  private Map<Parameter, NDArray> hiddenGradient(float[][] rows) {
    Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
    gradients.put(hidden, constant(rows));
    return gradients;
  }

  @Test
  void onlyTwoDimensionalParametersBetweenTheFirstAndLastLayerAreHiddenMatrices() {
    try (MuonOptimizer muon = muon(5)) {
      muon.prepare(model);
      assertTrue(muon.isHiddenMatrix(hidden));
      assertFalse(muon.isHiddenMatrix(embedding), "the input layer");
      assertFalse(muon.isHiddenMatrix(head), "the output layer");
      assertFalse(muon.isHiddenMatrix(bias), "one-dimensional");
    }
  }

  @Test
  void inTheCatalogsGptTheLinearWeightsAreHiddenAndTheEmbeddingsAndNormsAreNot() {
    Block gpt = new Models().gpt(GptSize.TOY, 256, 8);
    gpt.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
    List<String> hiddenNames = new ArrayList<>();
    try (MuonOptimizer muon = muon(5)) {
      muon.prepare(gpt);
      for (Pair<String, Parameter> named : gpt.getParameters()) {
        Parameter p = named.getValue();
        if (muon.isHiddenMatrix(p)) {
          hiddenNames.add(named.getKey());
          assertEquals(2, p.getArray().getShape().dimension(), named.getKey());
        } else {
          // embeddings (token matrix = tied output, positions), LayerNorm gains and biases
          assertTrue(
              p.getArray().getShape().dimension() == 1
                  || p == firstLayerParameter(gpt, "tokens")
                  || p == firstLayerParameter(gpt, "positions"),
              named.getKey());
        }
      }
    }
    // TOY: 4 decoder blocks, each with attention's two Linears and the feed-forward's two.
    assertEquals(16, hiddenNames.size(), hiddenNames.toString());
  }

  private static Parameter firstLayerParameter(Block gpt, String name) {
    Block first = gpt.getChildren().values().get(0);
    return first.getDirectParameters().get(name);
  }

  @Test
  void withoutItsModelItRefusesToUpdateRatherThanTreatEveryParameterAsAdamWs() {
    try (MuonOptimizer muon = muon(5)) {
      giveGradients(hiddenGradient(new float[][] {{2f, 0f}, {0f, 1f}}));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> muon.update(List.of(hidden), 0.1));
      assertEquals("Muon has not seen its model: call prepare(model) first", e.getMessage());
      assertArrayEquals(new float[] {1f, 0.5f, 0.5f, 1f}, hidden.getArray().toFloatArray(), 0f);
    }
  }

  @Test
  void oneStepOrthogonalisesTheNesterovDirectionAndDecaysTheWeights() {
    // lr 0.1, μ 0.95, wd 0.1, one Newton–Schulz iteration. G = diag(2, 1).
    // B = 0 + G = diag(2, 1); D = G + 0.95·B = 1.95·diag(2, 1) = diag(3.9, 1.95).
    // ‖D‖_F = 1.95·√5, so σ = 2/√5 = 0.894427 and 1/√5 = 0.447214, the singular values of
    // NewtonSchulzTest's diag(1, 0.5): X = diag(0.827041, 1.149679).
    // Scale √max(1, 2/2) = 1. W ← 0.99·W − 0.1·X:
    //   [[0.99 − 0.0827041, 0.495], [0.495, 0.99 − 0.1149679]] = [[0.907296, 0.495], [0.495,
    // 0.875032]]
    try (MuonOptimizer muon = muon(1)) {
      muon.prepare(model);
      giveGradients(hiddenGradient(new float[][] {{2f, 0f}, {0f, 1f}}));
      muon.update(List.of(hidden), 0.1);
      assertArrayEquals(
          new float[] {0.907296f, 0.495f, 0.495f, 0.875032f},
          hidden.getArray().toFloatArray(),
          TOLERANCE);
      assertArrayEquals(new float[4], hidden.getArray().getGradient().toFloatArray(), 0f);
    }
  }

  @Test
  void theSecondStepCarriesTheMomentum() {
    // Step 1 as above. Step 2, G = diag(1, 2):
    //   B = 0.95·diag(2, 1) + diag(1, 2) = diag(2.9, 2.95)
    //   D = G + 0.95·B = diag(1 + 2.755, 2 + 2.8025) = diag(3.755, 4.8025)
    //   ‖D‖_F = √(14.100025 + 23.064006) = √37.164031 = 6.096231
    //   σ = 0.615954, 0.787782 (σ² = 0.379400, 0.620600)
    //   f(σ1) = 0.615954·(3.4445 − 4.775·0.3794 + 2.0315·0.143944) = 0.615954·1.925288 = 1.185890
    //   f(σ2) = 0.787782·(3.4445 − 4.775·0.6206 + 2.0315·0.385144) = 0.787782·1.263555 = 0.995406
    //   W ← 0.99·W − 0.1·X:
    //     0.99·0.907296 − 0.118589 = 0.779634;  0.99·0.875032 − 0.0995406 = 0.766741
    //     off the diagonal 0.99·0.495 = 0.49005
    try (MuonOptimizer muon = muon(1)) {
      muon.prepare(model);
      giveGradients(hiddenGradient(new float[][] {{2f, 0f}, {0f, 1f}}));
      muon.update(List.of(hidden), 0.1);
      giveGradients(hiddenGradient(new float[][] {{1f, 0f}, {0f, 2f}}));
      muon.update(List.of(hidden), 0.1);
      assertArrayEquals(
          new float[] {0.779634f, 0.49005f, 0.49005f, 0.766741f},
          hidden.getArray().toFloatArray(),
          TOLERANCE);
    }
  }

  @Test
  void withoutNesterovTheBufferItselfIsOrthogonalised() {
    // Step 1: D = B = G = diag(2, 1): the same singular values as with Nesterov (a multiple of
    // it), so the same X. Step 2, G = diag(1, 2): D = B = diag(2.9, 2.95), ‖D‖ = √17.1125 =
    // 4.136726, σ = 0.701037, 0.713124 (σ² = 0.491453, 0.508547, σ⁴ = 0.241526, 0.258620)
    //   f(σ1) = 0.701037·(3.4445 − 2.346688 + 0.490660) = 0.701038·1.588472 = 1.113577
    //   f(σ2) = 0.713124·(3.4445 − 2.428312 + 0.525387) = 0.713124·1.541575 = 1.099334
    //   W: 0.99·0.907296 − 0.1113577 = 0.786865;  0.99·0.875032 − 0.1099334 = 0.756348
    try (MuonOptimizer muon =
        MuonOptimizer.builder()
            .setLearningRate(0.1)
            .optMomentum(0.95)
            .optNesterov(false)
            .optNsSteps(1)
            .optWeightDecay(0.1)
            .build()) {
      muon.prepare(model);
      giveGradients(hiddenGradient(new float[][] {{2f, 0f}, {0f, 1f}}));
      muon.update(List.of(hidden), 0.1);
      giveGradients(hiddenGradient(new float[][] {{1f, 0f}, {0f, 2f}}));
      muon.update(List.of(hidden), 0.1);
      assertArrayEquals(
          new float[] {0.786865f, 0.49005f, 0.49005f, 0.756348f},
          hidden.getArray().toFloatArray(),
          TOLERANCE);
    }
  }

  @Test
  void everyParameterButTheHiddenMatricesTakesAdamWsUpdateAtTheScheduledFraction() {
    // The same gradients through Muon (at half its base rate, as a schedule would ask) and
    // through a plain AdamW with Muon's adam values at half of adamLr, on copies of the weights.
    Parameter[] copies = {
      matrix(manager, "embedding", new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}),
      vector(manager, "bias", 1f, -1f),
      matrix(manager, "head", new float[][] {{0.5f, -0.5f}})
    };
    float[][][] embeddingGradients = {
      {{0.1f, -0.2f}, {0f, 0f}, {0.3f, 0.3f}}, {{-0.1f, 0.2f}, {0.5f, 0f}, {0f, 0.1f}}
    };
    try (MuonOptimizer muon = muon(5);
        AdamWOptimizer adamW =
            AdamWOptimizer.builder()
                .setLearningRate(0.01)
                .optBeta1(0.9)
                .optBeta2(0.95)
                .optWeightDecay(0.05)
                .optEpsilon(1e-10)
                .build()) {
      muon.prepare(model);
      for (float[][] e : embeddingGradients) {
        Map<Parameter, NDArray> g = new LinkedHashMap<>();
        g.put(embedding, constant(e));
        g.put(bias, manager.create(new float[] {e[0][0], e[2][1]}));
        g.put(head, constant(new float[][] {{e[1][0], 1f}}));
        g.put(hidden, constant(new float[][] {{1f, 0f}, {0f, 1f}}));
        Map<Parameter, NDArray> same = new LinkedHashMap<>();
        same.put(copies[0], constant(e));
        same.put(copies[1], manager.create(new float[] {e[0][0], e[2][1]}));
        same.put(copies[2], constant(new float[][] {{e[1][0], 1f}}));
        giveGradients(g);
        giveGradients(same);
        muon.update(List.of(embedding, hidden, bias, head), 0.05);
        adamW.update(List.of(copies), 0.005);
      }
      assertArrayEquals(
          copies[0].getArray().toFloatArray(), embedding.getArray().toFloatArray(), 1e-7f);
      assertArrayEquals(copies[1].getArray().toFloatArray(), bias.getArray().toFloatArray(), 1e-7f);
      assertArrayEquals(copies[2].getArray().toFloatArray(), head.getArray().toFloatArray(), 1e-7f);
      assertTrue(bias.getArray().getFloat(0) != 1f, "AdamW moved it");
    }
  }

  @Test
  void savedStateResumesTheSameTrajectory() {
    ParameterList named = model.getParameters();
    Map<String, NDArray> saved;
    try (MuonOptimizer muon = muon(1)) {
      muon.prepare(model);
      giveGradients(allGradients(new float[][] {{2f, 0f}, {0f, 1f}}));
      muon.update(List.of(embedding, hidden, bias, head), 0.1);
      saved = muon.saveState(named, manager);
      assertEquals(named.size(), muon.checkState(named, saved).size());
    }
    assertTrue(saved.containsKey("momentum/" + key(named, hidden)), saved.keySet().toString());
    assertTrue(saved.containsKey("m/" + key(named, bias)), saved.keySet().toString());
    assertEquals(1L, saved.get("step/" + key(named, head)).getLong());
    try (MuonOptimizer resumed = muon(1)) {
      resumed.prepare(model);
      resumed.loadState(named, saved);
      giveGradients(allGradients(new float[][] {{1f, 0f}, {0f, 2f}}));
      resumed.update(List.of(embedding, hidden, bias, head), 0.1);
    }
    // theSecondStepCarriesTheMomentum's hidden matrix: it needs the buffer B.
    assertArrayEquals(
        new float[] {0.779634f, 0.49005f, 0.49005f, 0.766741f},
        hidden.getArray().toFloatArray(),
        TOLERANCE);
  }

  @Test
  void aCheckpointWhoseMatricesWereSplitOtherwiseIsRefused() {
    ParameterList named = model.getParameters();
    Map<String, NDArray> saved;
    try (AdamWOptimizer adamW = AdamWOptimizer.builder().setLearningRate(0.01).build()) {
      giveGradients(allGradients(new float[][] {{2f, 0f}, {0f, 1f}}));
      adamW.update(List.of(embedding, hidden, bias, head), 0.01);
      saved = adamW.saveState(named, manager);
    }
    try (MuonOptimizer muon = muon(1)) {
      muon.prepare(model);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> muon.checkState(named, saved));
      String name = key(named, hidden);
      assertEquals(
          "optimizer state of " + name + " is AdamW's, but " + name + " is a hidden matrix",
          e.getMessage());
    }
  }

  private Map<Parameter, NDArray> allGradients(float[][] hiddenRows) {
    Map<Parameter, NDArray> g = hiddenGradient(hiddenRows);
    g.put(embedding, constant(new float[][] {{1f, 0f}, {0f, 1f}, {1f, 1f}}));
    g.put(bias, manager.create(new float[] {0.5f, -0.5f}));
    g.put(head, constant(new float[][] {{1f, 2f}}));
    return g;
  }

  private static String key(ParameterList named, Parameter parameter) {
    for (Pair<String, Parameter> p : named) {
      if (p.getValue() == parameter) {
        return p.getKey();
      }
    }
    throw new AssertionError(parameter.getName());
  }

  @Muon(
      lr = 0.05,
      momentum = 0.9,
      nesterov = false,
      nsSteps = 3,
      weightDecay = 0.01,
      adamLr = 0.002,
      adamBeta1 = 0.8,
      adamBeta2 = 0.99,
      adamWeightDecay = 0.1)
  static final class Written {}

  @Test
  void takesEveryValueOfItsAnnotation() {
    try (MuonOptimizer muon = new MuonOptimizer(Written.class.getAnnotation(Muon.class))) {
      assertEquals(0.05, muon.baseLearningRate());
      assertEquals(0.9, muon.momentum());
      assertFalse(muon.nesterov());
      assertEquals(3, muon.nsSteps());
      assertEquals(0.01, muon.weightDecay());
      assertEquals(0.002, muon.adamW().baseLearningRate());
      assertEquals(0.8, muon.adamW().beta1());
      assertEquals(0.99, muon.adamW().beta2());
      assertEquals(0.1, muon.adamW().weightDecay());
    }
  }

  @Muon
  static final class Defaults {}

  @Test
  void itsDefaultsAreKellerJordans() {
    try (MuonOptimizer muon = new MuonOptimizer(Defaults.class.getAnnotation(Muon.class))) {
      assertEquals(
          "Muon(lr=0.02, momentum=0.95, nesterov=true, nsSteps=5, weightDecay=0.0; others:"
              + " AdamW(lr=3.0E-4, beta1=0.9, beta2=0.95, weightDecay=0.0))",
          muon.toString());
    }
  }
}
