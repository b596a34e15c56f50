package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.DecoderBlock;
import dev.hasten.runtime.model.FeedForward;
import dev.hasten.runtime.model.GatedFeedForward;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatedLinearUnitsMethodTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(5);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void oneTokenThroughAGluOfWidthTwoByHand() {
    // x = (1, 2). DJL's Linear weights are [out, in].
    // gate: W = [[1, 0], [0, −1]] → x·Wᵀ = (1, −2); exact GELU(z) = z·Φ(z):
    //   GELU(1) = Φ(1) = 0.8413447, GELU(−2) = −2·Φ(−2) = −2·0.0227501 = −0.0455003.
    // up (the linear half): W = [[0.5, 0.5], [1, 0]] → (1.5, 1).
    // product: (0.8413447·1.5, −0.0455003·1) = (1.2620171, −0.0455003).
    // projection: W = [[1, 1], [2, −1]], b = (0.1, 0):
    //   (1.2620171 − 0.0455003 + 0.1, 2·1.2620171 + 0.0455003) = (1.3165168, 2.5695345).
    GatedFeedForward glu = new GatedFeedForward(2, 2, false, false);
    glu.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2));
    set(glu.gate(), "weight", 1, 0, 0, -1);
    set(glu.up(), "weight", 0.5f, 0.5f, 1, 0);
    set(glu.projection(), "weight", 1, 1, 2, -1);
    set(glu.projection(), "bias", 0.1f, 0);
    NDArray x = manager.create(new float[] {1, 2}, new Shape(1, 1, 2));
    NDArray y = TinyGpt.logits(glu, manager, x);
    assertEquals(new Shape(1, 1, 2), y.getShape());
    assertArrayEquals(new float[] {1.3165168f, 2.5695345f}, y.toFloatArray(), 1e-6f);
  }

  private static void set(Block linear, String parameter, float... values) {
    linear.getParameters().get(parameter).getArray().set(values);
  }

  @Test
  void gateAndLinearHalfHaveNoBiasesByDefaultAndTheProjectionHasOne() {
    GatedFeedForward glu = new GatedFeedForward(4, 8, false, false);
    glu.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4));
    assertNull(glu.gate().getParameters().get("bias"));
    assertNull(glu.up().getParameters().get("bias"));
    assertEquals(new Shape(4), glu.projection().getParameters().get("bias").getShape());
  }

  private Block gluGpt(double hiddenFraction, int context) {
    Block gpt =
        new GatedLinearUnitsMethod(hiddenFraction, false, false)
            .apply(TinyGpt.build(context), TinyGpt.spec(context));
    TinyGpt.initialise(gpt, manager, context);
    return gpt;
  }

  @Test
  void keepingTheHiddenWidthAddsHalfAgainToEachFeedForward() {
    // The toy (V = 256, n = 128, d = 128) has 842,496 parameters (GptTest); each feed-forward
    // 128·512 + 512 + 512·128 + 128 = 131,712 of them. As a GLU of hidden 512 without gate and
    // up biases: 2·128·512 + 512·128 + 128 = 196,736, so 65,024 more in each of the 4 layers.
    Block gpt = gluGpt(1, 128);
    assertEquals(4, SurgeryFixtures.find(gpt, GatedFeedForward.class).size());
    assertEquals(0, SurgeryFixtures.find(gpt, FeedForward.class).size());
    assertEquals(842_496 + 4 * 65_024, TinyGpt.parameterCount(gpt));
  }

  @Test
  void twoThirdsOfTheHiddenWidthKeepsTheParameterCountWithinAFraction() {
    // round(2/3·512) = 341: 3·128·341 + 128 = 131,072 per feed-forward, 640 fewer than 131,712.
    Block gpt = gluGpt(2 / 3.0, 128);
    assertEquals(341, SurgeryFixtures.find(gpt, GatedFeedForward.class).get(0).hidden());
    assertEquals(842_496 - 4 * 640, TinyGpt.parameterCount(gpt));
  }

  @Test
  void theNewLinearsStartAsTheOnesTheyReplaceWouldHave() {
    // nanoGPT's N(0, 0.02²) into the hidden layer; the projection back scaled by 1/√(2·4 layers).
    Block gpt = gluGpt(1, 16);
    GatedFeedForward glu = SurgeryFixtures.find(gpt, GatedFeedForward.class).get(0);
    assertStd(0.02, weight(glu.gate()));
    assertStd(0.02, weight(glu.up()));
    assertStd(0.02 / Math.sqrt(8), weight(glu.projection()));
  }

  private static NDArray weight(Block linear) {
    return linear.getParameters().get("weight").getArray();
  }

  private static void assertStd(double expected, NDArray w) {
    double mean = w.mean().getFloat();
    double std = Math.sqrt(w.sub(mean).pow(2).mean().getFloat());
    // 65,536 draws each: the sample deviation strays from the true one by about 0.3%.
    assertEquals(expected, std, expected * 0.04);
  }

  @Test
  void theSurgeredGptKeepsItsTraitsAndItsCausality() {
    Block gpt = gluGpt(1, 16);
    assertTrue(ModelTraits.of(gpt).contains(Trait.FEED_FORWARD));
    assertEquals(4, SurgeryFixtures.find(gpt, DecoderBlock.class).size());
    NDArray tokens = manager.randomInteger(0, 256, new Shape(1, 16), DataType.INT64);
    NDArray before = TinyGpt.logits(gpt, manager, tokens);
    NDArray changed = tokens.duplicate();
    changed.set(new NDIndex("0, 15"), changed.get("0, 15").add(1).mod(256));
    NDArray after = TinyGpt.logits(gpt, manager, changed);
    assertEquals(0f, before.get(":, :15").sub(after.get(":, :15")).abs().max().getFloat(), 1e-6f);
  }

  @Test
  void theSurgeryReplaysOnAFreshModelToTheSameParameters() {
    Block trained = gluGpt(2 / 3.0, 16);
    Block rebuilt = gluGpt(2 / 3.0, 16);
    assertEquals(trained.getParameters().keys(), rebuilt.getParameters().keys());
    List<Shape> shapes =
        trained.getParameters().values().stream().map(Parameter::getShape).toList();
    assertEquals(
        shapes, rebuilt.getParameters().values().stream().map(Parameter::getShape).toList());
  }

  @Test
  void aModelWithoutTheCatalogsFeedForwardIsRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new GatedLinearUnitsMethod(1, false, false)
                    .apply(new Models().baselineCnn(10), TinyGpt.spec(8)));
    assertTrue(e.getMessage().startsWith("@GatedLinearUnits found no FeedForward"), e.getMessage());
  }
}
