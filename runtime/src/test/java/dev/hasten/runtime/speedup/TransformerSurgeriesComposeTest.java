package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.CausalSelfAttention;
import dev.hasten.runtime.model.GatedFeedForward;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.TokenEmbedding;
import dev.hasten.runtime.speedup.surgery.HalfPrecisionLayerNorm;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transformer surgeries on one GPT, in a generated trainer's order, inside the FP16 model of
 * {@code @MixedPrecision}: each rewrites inside the others' blocks, and the result still trains.
 */
class TransformerSurgeriesComposeTest {
  private static final int CONTEXT = 16;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(13);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void theThreeSurgeriesStackInsideMixedPrecisionAndTheTokenMatrixLearns() {
    RunSpec spec = TinyGpt.spec(CONTEXT);
    Block gpt = TinyGpt.build(CONTEXT);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(gpt));
    MixedPrecisionMethod mixed = new MixedPrecisionMethod(new LossScaler(1, 2, 0.5, 1000));
    Block model = mixed.apply(gpt, spec);
    model = new AlibiMethod(0.5).apply(model, spec);
    model = new LowPrecisionLayerNormMethod().apply(model, spec);
    model = new GatedLinearUnitsMethod(2 / 3.0, false, false).apply(model, spec);
    TinyGpt.initialise(model, manager, CONTEXT);

    assertTrue(model instanceof HalfPrecisionBlock);
    assertEquals(4, SurgeryFixtures.find(model, CausalSelfAttention.class).size());
    assertTrue(
        SurgeryFixtures.find(model, CausalSelfAttention.class).stream()
            .allMatch(CausalSelfAttention::usesLinearBiases));
    assertFalse(SurgeryFixtures.find(model, TokenEmbedding.class).get(0).hasPositions());
    assertEquals(9, SurgeryFixtures.find(model, HalfPrecisionLayerNorm.class).size());
    assertEquals(4, SurgeryFixtures.find(model, GatedFeedForward.class).size());
    assertEquals(before, ModelTraits.of(model));

    for (Parameter p : model.getParameters().values()) {
      p.getArray().setRequiresGradient(true);
    }
    NDArray tokens = manager.randomInteger(0, 256, new Shape(2, CONTEXT), DataType.INT64);
    try (NDManager step = manager.newSubManager()) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits =
            model
                .forward(new ParameterStore(step, false), new NDList(tokens), true)
                .singletonOrThrow();
        assertEquals(new Shape(2, CONTEXT, 256), logits.getShape());
        assertEquals(DataType.FLOAT32, logits.getDataType());
        collector.backward(logits.get(":, :, 7").sum());
      }
      ((HalfPrecisionBlock) model).transferGradients(step);
    }
    // Row 7 of the tied matrix is the output projection of the logits differentiated.
    NDArray gradient =
        SurgeryFixtures.find(model, TokenEmbedding.class)
            .get(0)
            .getParameters()
            .get("tokens")
            .getArray()
            .getGradient();
    assertTrue(Float.isFinite(gradient.abs().sum().getFloat()));
    assertTrue(gradient.get(7).abs().sum().getFloat() > 0);
  }
}
