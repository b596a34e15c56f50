package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import org.junit.jupiter.api.Test;

class InferenceFormTest {
  @Test
  void aStochasticBranchBecomesItsBranchScaledByTheKeepProbability() {
    Linear linear = Linear.builder().setUnits(1).optBias(false).build();
    SequentialBlock model =
        new SequentialBlock().add(new StochasticBranch(linear, new StochasticBranch.Switch(0.25)));
    Block form = InferenceForm.of(model);
    assertInstanceOf(ScaledBranch.class, form.getChildren().get(0).getValue());
    try (NDManager manager = NDManager.newBaseManager()) {
      form.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
      linear
          .getParameters()
          .get("weight")
          .getArray()
          .set(new NDIndex(":"), manager.create(new float[] {2, 3}, new Shape(1, 2)));
      NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
      // Linear: 2·1 + 3·1 = 5; kept with probability 0.75: 3.75, in training mode too.
      for (boolean training : new boolean[] {false, true}) {
        NDArray y =
            form.forward(new ParameterStore(manager, false), new NDList(x), training)
                .singletonOrThrow();
        assertArrayEquals(new float[] {3.75f}, y.toFloatArray(), 0f);
      }
    }
  }

  @Test
  void ghostBatchNormBecomesItsBatchNorm() {
    BatchNorm batchNorm = BatchNorm.builder().build();
    SequentialBlock model = new SequentialBlock().add(new GhostBatchNormBlock(batchNorm, 4));
    Block form = InferenceForm.of(model);
    assertSame(batchNorm, form.getChildren().get(0).getValue());
  }
}
