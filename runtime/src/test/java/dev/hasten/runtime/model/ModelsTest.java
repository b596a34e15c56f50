package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.ResNetSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelsTest {
  private final Models models = new Models();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Shape logitsShape(Block model, int batch, int height, int width, boolean training) {
    NDArray x = manager.randomNormal(new Shape(batch, 1, height, width));
    ParameterStore store = new ParameterStore(manager, false);
    return model.forward(store, new NDList(x), training).singletonOrThrow().getShape();
  }

  @Test
  void baselineCnnMapsABatchOfTwentyEightByTwentyEightImagesToClassLogits() {
    Block cnn = models.baselineCnn(10);
    cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

    assertEquals(new Shape(3, 10), logitsShape(cnn, 3, 28, 28, true));
    assertEquals(new Shape(3, 10), logitsShape(cnn, 3, 28, 28, false));
  }

  @Test
  void compactCnnHalvesTheImageFirstAndFlattensSevenBySevenBySixtyFour() {
    Block cnn = models.compactCnn(10);
    cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

    assertEquals(new Shape(3, 10), logitsShape(cnn, 3, 28, 28, true));
    // 28 → 14 (stride-2 convolution) → 14 → 7 (max-pool) → 7: the first Linear reads 7·7·64.
    Block firstLinear =
        cnn.getChildren().values().stream()
            .filter(b -> b instanceof ai.djl.nn.core.Linear)
            .findFirst()
            .orElseThrow();
    assertEquals(
        new Shape(128, 7 * 7 * 64),
        firstLinear.getParameters().get("weight").getArray().getShape());
  }

  @Test
  void resNetInitialisedAtTwentyEightAlsoAcceptsSixteenBySixteen() {
    Block resNet = models.resNet(ResNetSize.TINY, 7);
    resNet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));

    assertEquals(new Shape(2, 7), logitsShape(resNet, 2, 28, 28, true));
    assertEquals(new Shape(2, 7), logitsShape(resNet, 2, 16, 16, true));
    assertEquals(new Shape(2, 7), logitsShape(resNet, 2, 15, 15, false));
  }

  @Test
  void smallAndMediumResNetsGiveLogitsForEachImage() {
    for (ResNetSize size : new ResNetSize[] {ResNetSize.SMALL, ResNetSize.MEDIUM}) {
      Block resNet = models.resNet(size, 10);
      resNet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      assertEquals(new Shape(2, 10), logitsShape(resNet, 2, 28, 28, true), size.name());
    }
  }

  @Test
  void resNetSizesHaveTheirStageWidthsAndBlockCounts() {
    // One block per stage for TINY and SMALL, two for MEDIUM; the head sees the last stage's width.
    assertEquals(3, residualBlocks(models.resNet(ResNetSize.TINY, 10)));
    assertEquals(3, residualBlocks(models.resNet(ResNetSize.SMALL, 10)));
    assertEquals(6, residualBlocks(models.resNet(ResNetSize.MEDIUM, 10)));
    assertEquals(64, lastWidth(models.resNet(ResNetSize.TINY, 10)));
    assertEquals(128, lastWidth(models.resNet(ResNetSize.SMALL, 10)));
  }

  private long residualBlocks(Block model) {
    return model.getChildren().values().stream().filter(b -> b instanceof ResidualBlock).count();
  }

  /** The classifier's input features: the Linear head's weight is {@code [classes, width]}. */
  private long lastWidth(Block model) {
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    var children = model.getChildren().values();
    Block head = children.get(children.size() - 1);
    return head.getParameters().get("weight").getArray().getShape().get(1);
  }
}
