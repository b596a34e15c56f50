package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.model.CausalSelfAttention;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.model.TokenEmbedding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlibiMethodTest {
  private static final int CONTEXT = 16;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(11);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** The toy GPT after ALiBi's surgery, initialised. */
  private Block alibiGpt() {
    Block gpt = new AlibiMethod(0.25).apply(TinyGpt.build(CONTEXT), TinyGpt.spec(CONTEXT));
    TinyGpt.initialise(gpt, manager, CONTEXT);
    return gpt;
  }

  private NDArray randomTokens(int batch, int length) {
    return manager.randomInteger(0, 256, new Shape(batch, length), DataType.INT64);
  }

  @Test
  void everyAttentionIsBiasedAndThePositionTableIsGone() {
    Block gpt = alibiGpt();
    List<CausalSelfAttention> attentions = SurgeryFixtures.find(gpt, CausalSelfAttention.class);
    assertEquals(4, attentions.size());
    assertTrue(attentions.stream().allMatch(CausalSelfAttention::usesLinearBiases));
    TokenEmbedding embedding = SurgeryFixtures.find(gpt, TokenEmbedding.class).get(0);
    assertFalse(embedding.hasPositions());
    assertFalse(embedding.getParameters().contains("positions"));
    // The toy's count at context 16 (GptTest: Vd + nd + L(12d² + 13d) + 2d) less the n·d table.
    long full = 256 * 128 + CONTEXT * 128 + 4 * 198_272 + 256;
    assertEquals(full - CONTEXT * 128, TinyGpt.parameterCount(gpt));
  }

  @Test
  void removingTheTableGivesTheLogitsOfComposersZeroedTable() {
    // Composer zeroes the position table and freezes it; a zero table adds nothing, so the
    // surgered model must compute exactly what a biased model with a zero table computes.
    Block surgered = alibiGpt();
    Block zeroed = TinyGpt.build(CONTEXT);
    SurgeryFixtures.find(zeroed, CausalSelfAttention.class)
        .forEach(CausalSelfAttention::useLinearBiases);
    TinyGpt.initialise(zeroed, manager, CONTEXT);
    Map<String, Parameter> source =
        surgered.getParameters().stream().collect(Collectors.toMap(Pair::getKey, Pair::getValue));
    int copied = 0;
    for (Pair<String, Parameter> p : zeroed.getParameters()) {
      Parameter from = source.get(p.getKey());
      if (from == null) {
        assertTrue(p.getKey().endsWith("positions"), p.getKey());
        p.getValue().getArray().muli(0);
      } else {
        p.getValue().getArray().set(from.getArray().toFloatArray());
        copied++;
      }
    }
    assertEquals(source.size(), copied);
    NDArray tokens = randomTokens(2, CONTEXT);
    NDArray a = TinyGpt.logits(surgered, manager, tokens);
    NDArray b = TinyGpt.logits(zeroed, manager, tokens);
    assertEquals(0f, a.sub(b).abs().max().getFloat(), 1e-6f);
  }

  @Test
  void changingALaterTokenLeavesEveryEarlierPositionsLogitsUnchanged() {
    Block gpt = alibiGpt();
    NDArray tokens = randomTokens(2, CONTEXT);
    NDArray before = TinyGpt.logits(gpt, manager, tokens);
    for (int t : new int[] {0, 6, 14}) {
      NDArray changed = tokens.duplicate();
      NDIndex at = new NDIndex(":, {}", t + 1);
      changed.set(at, changed.get(at).add(1).mod(256));
      NDArray after = TinyGpt.logits(gpt, manager, changed);
      NDIndex upToT = new NDIndex(":, :{}, :", t + 1);
      assertEquals(0f, before.get(upToT).sub(after.get(upToT)).abs().max().getFloat(), 1e-6f);
      NDIndex next = new NDIndex(":, {}, :", t + 1);
      assertTrue(before.get(next).sub(after.get(next)).abs().max().getFloat() > 1e-4f);
    }
  }

  @Test
  void withoutATableTheModelReadsWindowsLongerThanItsContext() {
    // The biases exist for every distance; the learned table had only CONTEXT rows.
    Block gpt = alibiGpt();
    assertEquals(
        new Shape(1, 3 * CONTEXT, 256),
        TinyGpt.logits(gpt, manager, randomTokens(1, 3 * CONTEXT)).getShape());
  }

  @Test
  void trainingWindowsAreCutToAQuarterInputsLabelsAndTargetsAlike() {
    // Windows of 8 at scaling 0.25: ⌊0.25·8⌋ = 2 tokens, the first two of each window.
    AlibiMethod alibi = new AlibiMethod(0.25);
    alibi.apply(TinyGpt.build(8), TinyGpt.spec(8));
    NDArray inputs =
        manager.create(
            new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, new Shape(2, 8));
    NDArray labels = inputs.add(1);
    NDArray targets = labels.oneHot(256);
    Step step = new Step(null, manager, 0, 0, 0, 1, inputs, labels, targets);
    alibi.transformBatch(step);
    assertArrayEquals(new long[] {0, 1, 8, 9}, step.inputs().toLongArray());
    assertArrayEquals(new long[] {1, 2, 9, 10}, step.labels().toLongArray());
    assertEquals(new Shape(2, 2, 256), step.targets().getShape());
    assertEquals(1f, step.targets().get("1, 1, 10").getFloat());
  }

  @Test
  void windowsAlreadyShorterThanTheTrainingLengthStayAsTheyAre() {
    // Another speedup (a length warm-up) cut them to 1 token; ALiBi's 2 would not lengthen them.
    AlibiMethod alibi = new AlibiMethod(0.25);
    alibi.apply(TinyGpt.build(8), TinyGpt.spec(8));
    NDArray inputs = manager.create(new long[] {3, 4}, new Shape(2, 1));
    Step step = new Step(null, manager, 0, 0, 0, 1, inputs, inputs, inputs.oneHot(256));
    alibi.transformBatch(step);
    assertEquals(new Shape(2, 1), step.inputs().getShape());
  }

  @Test
  void theTrainingLengthRoundsDownAsComposersAndNoTokenIsRefused() {
    assertEquals(32, new AlibiMethod(0.25).trainLength(128));
    assertEquals(42, new AlibiMethod(1 / 3.0).trainLength(128));
    assertEquals(128, new AlibiMethod(1).trainLength(128));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new AlibiMethod(0.1).trainLength(8));
    assertEquals(
        "@Alibi(trainSequenceLengthScaling = 0.1) cuts windows of 8 tokens to none; raise it to"
            + " at least 1/8",
        e.getMessage());
  }

  @Test
  void aModelWithoutTheCatalogsAttentionIsRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new AlibiMethod(0.25).apply(new Models().baselineCnn(10), TinyGpt.spec(8)));
    assertTrue(e.getMessage().startsWith("@Alibi found no CausalSelfAttention"), e.getMessage());
  }

  @Test
  void theSurgeryReplaysOnAFreshModelToTheSameParameters() {
    // An exported model is rebuilt by replaying the surgery on a fresh catalog model.
    Block trained = alibiGpt();
    Block rebuilt = new AlibiMethod(0.25).apply(TinyGpt.build(CONTEXT), TinyGpt.spec(CONTEXT));
    TinyGpt.initialise(rebuilt, manager, CONTEXT);
    assertEquals(trained.getParameters().keys(), rebuilt.getParameters().keys());
  }
}
