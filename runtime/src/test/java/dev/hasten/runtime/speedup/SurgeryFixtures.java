package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.loop.RunSpec;
import java.util.ArrayList;
import java.util.List;

/** What the model-surgery tests share: a spec, initialisation, a forward pass, a tree search. */
final class SurgeryFixtures {
  static final RunSpec SPEC =
      RunSpec.builder()
          .setPipeline("test.Surgery")
          .setBatchSize(8)
          .setImageShape(1, 28, 28)
          .setClasses(10)
          .optTraits(Trait.CONV2D)
          .build();

  private SurgeryFixtures() {}

  /** Initialises {@code model} for 28×28 grey images, as a run does. */
  static void initialise(Block model, NDManager manager) {
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
  }

  /** The output shape of a forward pass of {@code batch} random 28×28 images. */
  static Shape outputShape(Block model, NDManager manager, int batch, boolean training) {
    NDArray x = manager.randomNormal(new Shape(batch, 1, 28, 28));
    return forward(model, manager, x, training).getShape();
  }

  static NDArray forward(Block model, NDManager manager, NDArray x, boolean training) {
    return model
        .forward(new ParameterStore(manager, false), new NDList(x), training)
        .singletonOrThrow();
  }

  /** Every block of {@code type} in the tree, depth first. */
  static <T> List<T> find(Block root, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(root, type, found);
    return found;
  }

  private static <T> void collect(Block block, Class<T> type, List<T> found) {
    if (type.isInstance(block)) {
      found.add(type.cast(block));
    }
    for (Block child : block.getChildren().values()) {
      collect(child, type, found);
    }
  }
}
