package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.speedup.surgery.HalfPrecisionLayerNorm;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * There is no GPU here: the run-start refusal is tested, and the FP16 layer norm itself on the CPU,
 * where libtorch computes FP16 layer norms too (only slowly).
 */
class LowPrecisionLayerNormMethodTest {
  /** x = (1, 2, 3, 5): mean 2.75, variance (1.75² + 0.75² + 0.25² + 2.25²)/4 = 2.1875. */
  private static final float[] X = {1, 2, 3, 5};

  /** (x − 2.75)/√(2.1875 + 1e-5), √2.18751 = 1.4790234. */
  private static final float[] NORMALISED = {-1.1832160f, -0.5070926f, 0.1690309f, 1.5212777f};

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(3);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void onTheCpuTheRunStopsWithAOneLineMessage() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> LowPrecisionLayerNormMethod.requireGpu(Device.cpu()));
    assertEquals(
        "@LowPrecisionLayerNorm needs a GPU, but this run is on cpu() (the CPU computes FP16 no"
            + " faster than FP32, so the casts would only cost time): remove"
            + " @LowPrecisionLayerNorm, or run with --device gpu on a machine with a CUDA GPU",
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private HalfPrecisionLayerNorm halfNorm() {
    HalfPrecisionLayerNorm norm = new HalfPrecisionLayerNorm(LayerNorm.builder().axis(2).build());
    norm.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4));
    return norm;
  }

  @Test
  void anFp32InputIsNormalisedInFp16AndComesBackFp32() {
    HalfPrecisionLayerNorm norm = halfNorm();
    NDArray y =
        norm.forward(
                new ParameterStore(manager, false),
                new NDList(manager.create(X, new Shape(1, 1, 4))),
                false)
            .singletonOrThrow();
    assertEquals(DataType.FLOAT32, y.getDataType());
    // FP16 keeps 11 significant bits: within 2^−10 of the values by hand at this size.
    assertArrayEquals(NORMALISED, y.toFloatArray(), 1e-3f);
    // And every value is an FP16 number, which an FP32 computation would not give.
    NDArray roundTrip = y.toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false);
    assertArrayEquals(roundTrip.toFloatArray(), y.toFloatArray(), 0f);
    assertFalse(roundTripsExactly(NORMALISED));
  }

  private boolean roundTripsExactly(float[] values) {
    NDArray a = manager.create(values);
    return a.toType(DataType.FLOAT16, false)
        .toType(DataType.FLOAT32, false)
        .eq(a)
        .all()
        .getBoolean();
  }

  @Test
  void gradientsReachTheFp32InputAndTheFp32Gain() {
    // d y_0 / d x_j = (δ_0j − 1/4 − x̂_0·x̂_j/4)/σ with σ = 1.4790234:
    //   j = 0: (0.75 − 0.3499997)/σ = 0.270451; j = 1: (−0.25 − 0.1499998)/σ = −0.270448;
    //   j = 2: (−0.25 + 0.0500000)/σ = −0.135224; j = 3: (−0.25 + 0.4499998)/σ = 0.135224.
    // d y_0 / d gain = (x̂_0, 0, 0, 0) = (−1.1832160, 0, 0, 0).
    HalfPrecisionLayerNorm norm = halfNorm();
    Parameter gain = norm.norm().getParameters().get("gamma");
    gain.getArray().setRequiresGradient(true);
    NDArray x = manager.create(X, new Shape(1, 1, 4));
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y =
          norm.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
      collector.backward(y.get("0, 0, 0"));
    }
    assertEquals(DataType.FLOAT32, x.getGradient().getDataType());
    assertArrayEquals(
        new float[] {0.270451f, -0.270448f, -0.135224f, 0.135224f},
        x.getGradient().toFloatArray(),
        2e-3f);
    assertEquals(DataType.FLOAT32, gain.getArray().getGradient().getDataType());
    assertArrayEquals(
        new float[] {-1.1832160f, 0, 0, 0}, gain.getArray().getGradient().toFloatArray(), 1e-3f);
  }

  @Test
  void anFp16InputAsMixedPrecisionHandsItStaysFp16() {
    HalfPrecisionLayerNorm norm = halfNorm();
    NDArray half = manager.create(X, new Shape(1, 1, 4)).toType(DataType.FLOAT16, false);
    NDArray y =
        norm.forward(new ParameterStore(manager, false), new NDList(half), false)
            .singletonOrThrow();
    assertEquals(DataType.FLOAT16, y.getDataType());
    assertArrayEquals(NORMALISED, y.toType(DataType.FLOAT32, false).toFloatArray(), 1e-3f);
  }

  @Test
  void everyLayerNormOfTheGptIsWrappedAndItsLogitsStayCloseToFp32() {
    // 4 layers of 2 norms, and the final one.
    Block plain = TinyGpt.build(16);
    TinyGpt.initialise(plain, manager, 16);
    Block half = new LowPrecisionLayerNormMethod().apply(TinyGpt.build(16), TinyGpt.spec(16));
    TinyGpt.initialise(half, manager, 16);
    assertEquals(9, SurgeryFixtures.find(half, HalfPrecisionLayerNorm.class).size());
    assertEquals(9, SurgeryFixtures.find(half, LayerNorm.class).size());
    assertTrue(ModelTraits.of(half).contains(Trait.LAYER_NORM));
    // Same weights in both: the wrapped norms' parameters sit one level deeper, in the same order.
    List<Parameter> from = plain.getParameters().values();
    List<Parameter> into = half.getParameters().values();
    assertEquals(from.size(), into.size());
    for (int i = 0; i < from.size(); i++) {
      into.get(i).getArray().set(from.get(i).getArray().toFloatArray());
    }
    NDArray tokens = manager.randomInteger(0, 256, new Shape(2, 16), DataType.INT64);
    NDArray a = TinyGpt.logits(plain, manager, tokens);
    NDArray b = TinyGpt.logits(half, manager, tokens);
    assertEquals(DataType.FLOAT32, b.getDataType());
    // Logits of about ±0.7 (std 0.23, GptTest); FP16 norms move them by a few 2^−11.
    float difference = a.sub(b).abs().max().getFloat();
    assertTrue(difference > 0 && difference < 1e-2f, "max difference " + difference);
  }

  @Test
  void aModelWithoutLayerNormIsRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new LowPrecisionLayerNormMethod()
                    .apply(new Models().baselineCnn(10), SurgeryFixtures.SPEC));
    assertEquals(
        "@LowPrecisionLayerNorm found no LayerNorm layer to rewrite; remove it or add LayerNorm",
        e.getMessage());
  }
}
