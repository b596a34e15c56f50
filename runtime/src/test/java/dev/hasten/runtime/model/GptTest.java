package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.text.CorpusSplit;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.SplitText;
import dev.hasten.runtime.text.TokenWindows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GptTest {
  private final Models models = new Models();
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

  private Block toy(int context) {
    Block gpt = models.gpt(GptSize.TOY, 256, context);
    gpt.initialize(manager, DataType.FLOAT32, new Shape(1, context));
    return gpt;
  }

  private NDArray logits(Block gpt, NDArray tokens) {
    return gpt.forward(new ParameterStore(manager, false), new NDList(tokens), false)
        .singletonOrThrow();
  }

  private NDArray randomTokens(int batch, int length) {
    return manager.randomInteger(0, 256, new Shape(batch, length), DataType.INT64);
  }

  @Test
  void tokensOfAnyLengthUpToTheContextBecomeLogitsOverTheVocabulary() {
    Block gpt = toy(16);
    assertEquals(new Shape(2, 16, 256), logits(gpt, randomTokens(2, 16)).getShape());
    assertEquals(new Shape(3, 5, 256), logits(gpt, randomTokens(3, 5)).getShape());
    assertThrows(IllegalArgumentException.class, () -> logits(gpt, randomTokens(1, 17)));
  }

  @Test
  void changingALaterTokenLeavesTheLogitsOfEveryEarlierPositionUnchanged() {
    Block gpt = toy(16);
    NDArray tokens = randomTokens(2, 16);
    for (int t : new int[] {0, 7, 14}) {
      NDArray changed = tokens.duplicate();
      NDArray at = changed.get(new NDIndex(":, {}", t + 1));
      changed.set(new NDIndex(":, {}", t + 1), at.add(1).mod(256));
      NDArray before = logits(gpt, tokens);
      NDArray after = logits(gpt, changed);
      NDIndex upToT = new NDIndex(":, :{}, :", t + 1);
      assertEquals(0f, before.get(upToT).sub(after.get(upToT)).abs().max().getFloat(), 1e-6f);
      // The changed position itself does see its new token.
      NDIndex next = new NDIndex(":, {}, :", t + 1);
      assertTrue(before.get(next).sub(after.get(next)).abs().max().getFloat() > 1e-4f);
    }
  }

  @Test
  void theOutputProjectionIsTheTokenEmbeddingOneParameter() {
    Block gpt = toy(16);
    List<Parameter> matrices = new ArrayList<>();
    for (Pair<String, Parameter> p : gpt.getParameters()) {
      if (p.getValue().getArray().getShape().equals(new Shape(256, 128))) {
        matrices.add(p.getValue());
      }
    }
    assertEquals(1, matrices.size());
    Block head = gpt.getChildren().get(gpt.getChildren().size() - 1).getValue();
    assertTrue(head instanceof TiedLogits);
    assertEquals(0, head.getParameters().size());

    // Zero the matrix: every logit becomes 0, since the logits are h·Eᵀ with this E.
    Parameter tokens = matrices.get(0);
    assertSame(((TokenEmbedding) gpt.getChildren().get(0).getValue()).tokens(), tokens);
    tokens.getArray().muli(0);
    assertEquals(0f, logits(gpt, randomTokens(2, 8)).abs().max().getFloat());
  }

  @Test
  void theTiedMatrixLearnsFromTheOutputForTokensAbsentFromTheInput() {
    Block gpt = toy(8);
    for (Parameter p : gpt.getParameters().values()) {
      p.getArray().setRequiresGradient(true);
    }
    NDArray tokens = manager.create(new long[] {65, 66, 67, 68}, new Shape(1, 4));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out =
          gpt.forward(new ParameterStore(manager, false), new NDList(tokens), true)
              .singletonOrThrow();
      collector.backward(out.get(new NDIndex(":, :, 200")).sum());
    }
    NDArray gradient =
        ((TokenEmbedding) gpt.getChildren().get(0).getValue()).tokens().getArray().getGradient();
    // Row 200 is never looked up; only the output projection's use of it has a gradient.
    assertTrue(gradient.get(200).abs().sum().getFloat() > 0);
    assertEquals(0f, gradient.get(100).abs().sum().getFloat());
  }

  @Test
  void theToyHasTheParameterCountDerivedByHand() {
    // Embeddings 256·128 + 128·128; per layer two LayerNorms (4·128), query-key-value
    // (128·384 + 384), output projection (128·128 + 128), feed-forward (128·512 + 512 and
    // 512·128 + 128): 198,272; four layers; the final LayerNorm 2·128.
    long expected = 256 * 128 + 128 * 128 + 4 * 198_272 + 256;
    assertEquals(842_496, expected);
    long count = 0;
    for (Parameter p : toy(128).getParameters().values()) {
      count += p.getArray().size();
    }
    assertEquals(expected, count);
  }

  @Test
  void weightsStartFromNanoGptsNormalAndResidualProjectionsAreScaledByDepth() {
    Block gpt = toy(128);
    DecoderBlock first = (DecoderBlock) gpt.getChildren().get(1).getValue();
    double residual = 0.02 / Math.sqrt(2 * 4);
    CausalSelfAttention attention = (CausalSelfAttention) first.attention();
    Block queryKeyValue = attention.getChildren().get(0).getValue();
    assertStd(0.02, queryKeyValue.getParameters().get("weight"));
    assertStd(residual, attention.projection().getParameters().get("weight"));
    assertStd(
        residual, ((FeedForward) first.feedForward()).projection().getParameters().get("weight"));
    TokenEmbedding embedding = (TokenEmbedding) gpt.getChildren().get(0).getValue();
    assertStd(0.02, embedding.tokens());
    assertStd(0.02, embedding.getParameters().get("positions"));
    NDArray bias = attention.projection().getParameters().get("bias").getArray();
    assertEquals(0f, bias.abs().sum().getFloat());
  }

  private static void assertStd(double expected, Parameter p) {
    NDArray w = p.getArray();
    double mean = w.mean().getFloat();
    double std = Math.sqrt(w.sub(mean).pow(2).mean().getFloat());
    // At least 16,384 draws: the sample deviation is within 2% of the true one by far.
    assertEquals(expected, std, expected * 0.04, p.getName());
    assertEquals(0, mean, expected * 0.05, p.getName());
  }

  @Test
  void aFewAdamWStepsOnGenesisLowerTheValidationLossFromUniform() {
    int context = 32;
    Block gpt = toy(context);
    SplitText text = CorpusSplit.standard().apply(KjvCorpus.excerpt(null));
    TokenWindows train = TokenWindows.training(text, context);
    TokenWindows held = TokenWindows.validation(text, context);
    NDList validation = held.batch(manager, held.tiling(32));
    List<Parameter> parameters = new ArrayList<>(gpt.getParameters().values());
    for (Parameter p : parameters) {
      p.getArray().setRequiresGradient(true);
    }
    // The final LayerNorm gives h unit variance and E has std 0.02, so the logits h·Eᵀ have std
    // about 0.02·√128 = 0.23: the prediction starts nearly uniform, at ln 256 = 5.545 nats.
    double initial = loss(gpt, validation, false).getFloat();
    assertEquals(Math.log(256), initial, 0.15);
    try (AdamWOptimizer adamW = AdamWOptimizer.builder().setLearningRate(1e-2).build()) {
      for (int step = 0; step < 10; step++) {
        try (NDManager stepManager = manager.newSubManager()) {
          NDList batch = train.batch(stepManager, train.starts(1, step, 8));
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss(gpt, batch, true));
          }
          adamW.update(parameters, 1e-2);
        }
      }
    }
    double trained = loss(gpt, validation, false).getFloat();
    // The byte frequencies of English alone are worth over 2 nats below uniform; ten steps learn
    // a good part of them.
    assertTrue(trained < initial - 1.0, "validation loss " + initial + " → " + trained);
  }

  private NDArray loss(Block gpt, NDList batch, boolean training) {
    NDArray logits =
        gpt.forward(new ParameterStore(manager, false), new NDList(batch.get(0)), training)
            .singletonOrThrow();
    return CrossEntropy.meanOfLabels(logits, batch.get(1));
  }
}
