package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTraitsTest {
  private final Models models = new Models();

  @Test
  void baselineCnnHasConvolutionBatchNormAndMaxPooling() {
    assertEquals(
        EnumSet.of(Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL),
        ModelTraits.of(models.baselineCnn(10)));
  }

  @Test
  void everyResNetHasConvolutionBatchNormResidualBlocksAndGlobalPooling() {
    for (ResNetSize size : ResNetSize.values()) {
      assertEquals(
          EnumSet.of(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL),
          ModelTraits.of(models.resNet(size, 10)),
          size.name());
    }
  }

  @Test
  void everyGptHasAttentionLayerNormAndFeedForward() {
    for (GptSize size : GptSize.values()) {
      assertEquals(
          EnumSet.of(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD),
          ModelTraits.of(models.gpt(size, 256, 64)),
          size.name());
    }
  }

  @Test
  void djlsOwnTransformerBlocksCountAsAttentionAndFeedForwardAndItsLayerNormAsLayerNorm() {
    Block encoder = new TransformerEncoderBlock(64, 4, 128, 0.1f, Activation::relu);
    // DJL 0.36's encoder normalises with BatchNorm, not LayerNorm: the check reports what is there.
    assertEquals(
        EnumSet.of(Trait.ATTENTION, Trait.FEED_FORWARD, Trait.BATCH_NORM, Trait.DROPOUT),
        ModelTraits.of(encoder));
    assertEquals(
        EnumSet.of(Trait.LAYER_NORM),
        ModelTraits.of(new SequentialBlock().add(LayerNorm.builder().build())));
  }

  @Test
  void declaredAttentionAbsentFromTheCnnAndConvolutionAbsentFromTheGptAreReported() {
    InvalidInputException attention =
        assertThrows(
            InvalidInputException.class,
            () ->
                ModelTraits.requireDeclared(
                    models.baselineCnn(10), EnumSet.of(Trait.ATTENTION, Trait.FEED_FORWARD)));
    assertEquals(
        "@Model declares ATTENTION and FEED_FORWARD but the model has no attention block and no"
            + " feed-forward block; remove them from traits or change the model",
        attention.getMessage());
    InvalidInputException conv =
        assertThrows(
            InvalidInputException.class,
            () ->
                ModelTraits.requireDeclared(
                    models.gpt(GptSize.TOY, 256, 64), EnumSet.of(Trait.LAYER_NORM, Trait.CONV2D)));
    assertEquals(
        "@Model declares CONV2D but the model has no Conv2d layer; remove it from traits or change"
            + " the model",
        conv.getMessage());
  }

  @Test
  void declaredResidualTraitAbsentFromTheCnnIsReported() {
    Block cnn = models.baselineCnn(10);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ModelTraits.requireDeclared(cnn, EnumSet.of(Trait.CONV2D, Trait.RESIDUAL)));

    assertEquals(
        "@Model declares RESIDUAL but the model has no residual block; remove it from traits or"
            + " change the model",
        e.getMessage());
  }

  @Test
  void severalAbsentTraitsAreAllNamed() {
    Block cnn = models.baselineCnn(10);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                ModelTraits.requireDeclared(
                    cnn, EnumSet.of(Trait.RESIDUAL, Trait.GLOBAL_POOL, Trait.DROPOUT)));

    assertEquals(
        "@Model declares RESIDUAL, GLOBAL_POOL and DROPOUT but the model has no residual block, no"
            + " global pooling and no Dropout layer; remove them from traits or change the model",
        e.getMessage());
  }

  @Test
  void declaringFewerTraitsThanPresentIsFine() {
    ModelTraits.requireDeclared(models.resNet(ResNetSize.TINY, 10), EnumSet.of(Trait.GLOBAL_POOL));
    ModelTraits.requireDeclared(models.baselineCnn(10), EnumSet.noneOf(Trait.class));
  }

  @Test
  void userBuiltDjlResidualWithIdentityShortcutIsRecognised() {
    // How DJL's own ResNetV1 joins a unit and its shortcut.
    Block unit =
        new SequentialBlock()
            .add(conv(3))
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock());
    Block residual =
        new ParallelBlock(
            list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
            List.of(unit, Blocks.identityBlock()));
    Block model =
        new SequentialBlock()
            .add(residual)
            .add(Dropout.builder().optRate(0.5f).build())
            .add(Pool.globalMaxPool2dBlock())
            .add(Linear.builder().setUnits(10).build());

    assertEquals(
        EnumSet.of(
            Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.DROPOUT, Trait.GLOBAL_POOL),
        ModelTraits.of(model));
  }

  @Test
  void userBuiltResidualWithProjectionShortcutIsRecognised() {
    Block projection = new SequentialBlock().add(conv(1)).add(BatchNorm.builder().build());
    Block residual =
        new ParallelBlock(
            list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
            List.of(conv(3), projection));

    assertEquals(
        EnumSet.of(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL), ModelTraits.of(residual));
  }

  @Test
  void parallelBranchesWithoutAShortcutAreNotResidual() {
    // An inception-style block: two 3x3 convolutions side by side.
    Block parallel =
        new ParallelBlock(
            list ->
                new NDList(
                    list.get(0).singletonOrThrow().concat(list.get(1).singletonOrThrow(), 1)),
            List.of(conv(3), conv(3)));
    Block averagePooled =
        new SequentialBlock().add(parallel).add(Pool.avgPool2dBlock(new Shape(2, 2)));

    assertEquals(EnumSet.of(Trait.CONV2D), ModelTraits.of(averagePooled));
  }

  @Test
  void customBlocksNameTheirOwnTraits() {
    Block model = new SequentialBlock().add(ResidualBlock.basic(8, 8, 1));

    assertEquals(EnumSet.of(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL), ModelTraits.of(model));
  }

  private static Conv2d conv(int kernel) {
    return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(4).build();
  }
}
