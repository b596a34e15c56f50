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
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class MixedPrecisionMethodTest {
  @Test
  void onTheCpuTheRunStopsWithAOneLineMessage() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> MixedPrecisionMethod.requireGpu(Device.cpu()));
    assertTrue(
        e.getMessage().startsWith("@MixedPrecision needs a GPU, but this run is on cpu"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void theLossScaleAndItsCleanStepsSurviveACheckpointExactly() {
    // Through the Stateful interface as a checkpoint does it, on the CPU: the state is two numbers,
    // no GPU is involved. Scale 1, backoff 1/3, growth 2 every 3 clean steps:
    // overflow → 1/3 (not a float32: the saved scale must be a double), then 2 clean steps.
    // Uninterrupted, a third clean step grows it to 2/3 and restarts the count.
    MixedPrecisionMethod before = new MixedPrecisionMethod(new LossScaler(1, 2, 1 / 3.0, 3));
    before.scaler().update(true);
    before.scaler().update(false);
    before.scaler().update(false);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      java.util.Map<String, NDArray> state = before.saveState(manager);
      MixedPrecisionMethod resumed = new MixedPrecisionMethod(new LossScaler(1, 2, 1 / 3.0, 3));
      resumed.loadState(null, state);
      assertEquals(1 / 3.0, resumed.scaler().scale());
      assertEquals(2, resumed.scaler().cleanSteps());
      assertTrue(resumed.scaler().update(false));
      assertEquals(2 / 3.0, resumed.scaler().scale());
      assertEquals(0, resumed.scaler().cleanSteps());
    }
  }

  @Test
  void aCheckpointWithoutLossScalerStateIsRefused() {
    MixedPrecisionMethod method = new MixedPrecisionMethod(new LossScaler(8, 2, 0.5, 3));
    assertThrows(InvalidInputException.class, () -> method.loadState(null, java.util.Map.of()));
  }

  @Test
  void gradientScalingKeepsTheValueExactlyAndMultipliesTheGradient() {
    // y = x + (a − stop(a)), a = 7·x: value x; dy/dx = 1 + 7 = 8 (scale 8).
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {0.1f, -3.3f, 1e4f});
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = HalfPrecisionBlock.scaleGradient(x, 8);
        assertArrayEquals(x.toFloatArray(), y.toFloatArray());
        collector.backward(y.sum());
      }
      assertArrayEquals(new float[] {8, 8, 8}, x.getGradient().toFloatArray());
    }
  }

  @Test
  void unscalingDividesTheGradientsAndFindsNoOverflow() {
    // dW = 3, db = 4 (see GradientClippingMethodTest), taken as scaled by 8: 0.375 and 0.5.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          GradientClippingMethodTest.linearWithGradients(
              manager, new float[][] {{1}}, new float[] {0}, new float[] {0.75f}, new float[] {4});
      assertFalse(MixedPrecisionMethod.unscale(model, 8, manager));
      assertEquals(0.375f, GradientClippingMethodTest.gradient(model, "weight")[0]);
      assertEquals(0.5f, GradientClippingMethodTest.gradient(model, "bias")[0]);
    }
  }

  @Test
  void anInfiniteGradientIsAnOverflowAndEveryGradientIsZeroed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          GradientClippingMethodTest.linearWithGradients(
              manager,
              new float[][] {{1}},
              new float[] {0},
              new float[] {Float.POSITIVE_INFINITY},
              new float[] {4});
      assertTrue(MixedPrecisionMethod.unscale(model, 8, manager));
      assertEquals(0f, GradientClippingMethodTest.gradient(model, "weight")[0]);
      assertEquals(0f, GradientClippingMethodTest.gradient(model, "bias")[0]);
    }
  }

  @Test
  void halfPrecisionForwardKeepsFp32MastersAndScalesTheirGradient() {
    // Linear 1→1, w = 0.5, b = 0.25, input 2: y = 1.25 exactly in FP16 too, returned as FP32.
    // L = y: dL/dw = 2, dL/db = 1, times the loss scale 1024 → 2048 and 1024 on the FP16 copies,
    // moved onto the FP32 masters.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block linear = Linear.builder().setUnits(1).build();
      HalfPrecisionBlock model = new HalfPrecisionBlock(linear, () -> 1024);
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
      linear.getParameters().get("weight").getArray().set(new float[] {0.5f});
      linear.getParameters().get("bias").getArray().set(new float[] {0.25f});
      try (NDManager pass = manager.newSubManager()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray y =
              model
                  .forward(
                      new ParameterStore(pass, false),
                      new NDList(pass.create(new float[] {2}, new Shape(1, 1))),
                      true)
                  .singletonOrThrow();
          assertEquals(DataType.FLOAT32, y.getDataType());
          assertEquals(1.25f, y.toFloatArray()[0]);
          collector.backward(y.sum());
        }
        // The FP16 copies live in the batch's manager: move their gradients before it closes.
        model.transferGradients(pass);
      }
      NDArray w = linear.getParameters().get("weight").getArray();
      assertEquals(DataType.FLOAT32, w.getDataType());
      assertEquals(2048f, w.getGradient().toFloatArray()[0]);
      assertEquals(
          1024f, linear.getParameters().get("bias").getArray().getGradient().toFloatArray()[0]);
    }
  }

  @Test
  void aGptReadsItsTokenIdsAsIntegersInsideTheFp16Model() {
    // Token ids cast to FP16 would no longer index the embedding (and ids above 2048 would round).
    try (NDManager manager = NDManager.newBaseManager()) {
      HalfPrecisionBlock model = new HalfPrecisionBlock(TinyGpt.build(8), () -> 1);
      TinyGpt.initialise(model, manager, 8);
      NDArray tokens = manager.create(new long[] {1, 200, 3, 255}, new Shape(1, 4));
      NDArray logits = TinyGpt.logits(model, manager, tokens);
      assertEquals(new Shape(1, 4, 256), logits.getShape());
      assertEquals(DataType.FLOAT32, logits.getDataType());
    }
  }

  @Test
  void everyParameterButBatchNormsComputesInHalfPrecision() {
    assertTrue(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.WEIGHT)));
    assertTrue(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.BIAS)));
    // BlurPool's fixed filter is an OTHER parameter used as a convolution weight.
    assertTrue(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.OTHER)));
    assertFalse(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.GAMMA)));
    assertFalse(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.BETA)));
    assertFalse(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.RUNNING_MEAN)));
    assertFalse(HalfPrecisionBlock.castsToHalf(parameter(Parameter.Type.RUNNING_VAR)));
  }

  private static Parameter parameter(Parameter.Type type) {
    return Parameter.builder().setName("p").setType(type).build();
  }
}
