package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.model.TiedLogits;
import dev.hasten.runtime.model.TokenEmbedding;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LayerFreezingMethodTest {
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

  @Test
  void nothingFreezesUntilFreezeStartThenTheFractionGrowsLinearlyToFreezeLevel() {
    // start 0.5, level 1: 0 at or before 0.5; (0.75 − 0.5)/(1 − 0.5)·1 = 0.5; at the end 1.
    assertEquals(0, LayerFreezingMethod.frozenFraction(0.5, 0.5, 1.0));
    assertEquals(0.5, LayerFreezingMethod.frozenFraction(0.75, 0.5, 1.0), 1e-12);
    assertEquals(1.0, LayerFreezingMethod.frozenFraction(1.0, 0.5, 1.0), 1e-12);
    // level 0.6 scales it: (0.75 − 0.5)/0.5·0.6 = 0.3.
    assertEquals(0.3, LayerFreezingMethod.frozenFraction(0.75, 0.5, 0.6), 1e-12);
    // The last layer never counts: ⌊0.5·(12 − 1)⌋ = 5, ⌊1.0·11⌋ = 11.
    assertEquals(5, LayerFreezingMethod.frozenDepth(0.5, 12));
    assertEquals(11, LayerFreezingMethod.frozenDepth(1.0, 12));
  }

  @Test
  void halfWayThroughTheFreezingTheBaselineCnnHasItsFirstConvolutionAndBatchNormFrozen() {
    // The baseline CNN's layers are its leaves with parameters, as Composer's _get_layers finds
    // them: conv, bn, conv, bn, linear, linear (ReLU, pooling and flatten have none). At
    // progress 0.75 (start 0.5, level 1) the fraction is 0.5 and ⌊0.5·(6 − 1)⌋ = 2: the first
    // convolution and BatchNorm take no more updates, the second convolution still does.
    Block cnn = models.baselineCnn(10);
    SurgeryFixtures.initialise(cnn, manager);
    List<Block> layers = LayerFreezingMethod.layers(cnn);
    assertEquals(6, layers.size());
    assertEquals(2, new LayerFreezingMethod(0.5, 1.0).freeze(cnn, 0.75));
    assertTrue(layers.get(0) instanceof Conv2d);
    assertFrozen(layers.get(0), true);
    assertTrue(layers.get(1) instanceof BatchNorm);
    assertFrozen(layers.get(1), true);
    assertTrue(layers.get(2) instanceof Conv2d);
    assertFrozen(layers.get(2), false);
    assertFrozen(layers.get(4), false);
    assertFrozen(layers.get(5), false);
  }

  @Test
  void aGptFreezesWholeBlocksFromTheEmbeddingUpAndItsTiedTokenMatrixKeepsTraining() {
    // The toy GPT's layers: the embedding (tokens, positions); per block its LayerNorm, query-key-
    // value and output projections, LayerNorm and two feed-forward Linears; the final LayerNorm;
    // the tied logits, which borrow the token matrix: 1 + 4·6 + 1 + 1 = 27, as Composer counts a
    // PyTorch GPT's modules with the tied output Linear. At progress 0.75 (start 0.5, level 1)
    // ⌊0.5·26⌋ = 13 are frozen: the embedding and the first two blocks. The token matrix is the
    // last layer's too, so it is not frozen with the embedding: the output projection trains on.
    Block gpt = models.gpt(GptSize.TOY, 256, 16);
    gpt.initialize(manager, DataType.FLOAT32, new Shape(1, 16));
    List<Block> layers = LayerFreezingMethod.layers(gpt);
    assertEquals(27, layers.size());
    assertTrue(layers.get(0) instanceof TokenEmbedding);
    assertTrue(layers.get(26) instanceof TiedLogits);

    assertEquals(13, new LayerFreezingMethod(0.5, 1.0).freeze(gpt, 0.75));

    for (Pair<String, Parameter> named : gpt.getParameters()) {
      String name = named.getKey();
      boolean frozen =
          name.endsWith("positions")
              || name.startsWith("02Decoder")
              || name.startsWith("03Decoder");
      assertEquals(frozen, !named.getValue().requiresGradient(), name);
    }
  }

  @Test
  void blurPoolAddsNoLayer() {
    // In Composer the blur filter is a buffer, not a parameter: a BlurConv2d is the parent of its
    // convolution and a blurred max-pool holds no parameter, so _get_layers finds the layers of
    // the model without BlurPool: the baseline CNN's 6, and as many as the plain ResNet's.
    Block cnn =
        new BlurPoolMethod(true, true, true, 16)
            .apply(models.baselineCnn(10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(cnn, manager);
    assertEquals(6, LayerFreezingMethod.layers(cnn).size());
    Block plain = models.resNet(ResNetSize.TINY, 10);
    SurgeryFixtures.initialise(plain, manager);
    Block resNet =
        new BlurPoolMethod(true, true, false, 16)
            .apply(models.resNet(ResNetSize.TINY, 10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(resNet, manager);
    assertEquals(4, BlurPoolMethod.blurCount(resNet));
    assertEquals(
        LayerFreezingMethod.layers(plain).size(), LayerFreezingMethod.layers(resNet).size());
  }

  @Test
  void beforeFreezeStartEveryLayerTrains() {
    Block cnn = models.baselineCnn(10);
    SurgeryFixtures.initialise(cnn, manager);
    assertEquals(0, new LayerFreezingMethod(0.5, 1.0).freeze(cnn, 0.4));
    for (Parameter parameter : cnn.getParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT) {
        assertTrue(parameter.requiresGradient(), parameter.getName());
      }
    }
  }

  @Test
  void aLayerFrozenBeforeStaysFrozen() {
    // Freezing only ever freezes: the classifier a user froze is not thawed.
    Block cnn = models.baselineCnn(10);
    SurgeryFixtures.initialise(cnn, manager);
    List<Block> layers = LayerFreezingMethod.layers(cnn);
    layers.get(5).freezeParameters(true);
    new LayerFreezingMethod(0.5, 1.0).freeze(cnn, 1.0);
    assertFrozen(layers.get(5), true);
  }

  @Test
  void aSingleLayerModelIsRefused() {
    Block linear = Linear.builder().setUnits(2).build();
    assertThrows(
        InvalidInputException.class, () -> new LayerFreezingMethod(0.5, 1.0).freeze(linear, 0.9));
  }

  private static void assertFrozen(Block layer, boolean frozen) {
    for (Parameter parameter : layer.getParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT
          || parameter.getType() == Parameter.Type.GAMMA) {
        if (frozen) {
          assertFalse(parameter.requiresGradient(), parameter.getName());
        } else {
          assertTrue(parameter.requiresGradient(), parameter.getName());
        }
      }
    }
  }
}
