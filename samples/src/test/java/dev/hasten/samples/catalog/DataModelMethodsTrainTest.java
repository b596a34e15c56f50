package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.speedup.BlurPoolMethod;
import dev.hasten.runtime.speedup.LayerFreezingMethod;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each data and model method of the catalog trains a few steps of its pipeline ({@link
 * DataModelPipelines}) in the generated loop, on the first 600 examples of the embedded subset, and
 * changes what it should.
 */
class DataModelMethodsTrainTest {
  private static final int EXAMPLES = 600;

  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void copySubset() throws IOException {
    data = SmallSubset.copyTo(tmp.resolve("data"), EXAMPLES);
  }

  private static RunResult train(Class<?> pipeline, int maxSteps) {
    return Hasten.train(
        pipeline,
        RunOptions.defaults()
            .withData(data)
            .withOut(tmp.resolve(pipeline.getSimpleName()))
            .withProgressBar(false)
            .withMaxSteps(maxSteps));
  }

  @Test
  void cutOutZeroesOneSquarePatchOfEveryImage() {
    // Normalised Fashion-MNIST pixels are never exactly 0 ((x/255 − 0.286)/0.353 = 0 needs
    // x = 72.9), so the zeros are the hole: side 0.5·28 = 14, clipped to between 7×7 (centre in a
    // corner) and 14×14.
    train(DataModelPipelines.WithCutOut.class, 3);
    ProbeMethod probe = ProbeMethod.of("WithCutOut");
    assertEquals(3, probe.firstImages.size());
    for (float[] image : probe.firstImages) {
      int zeros = 0;
      for (float pixel : image) {
        zeros += pixel == 0 ? 1 : 0;
      }
      assertTrue(zeros >= 49 && zeros <= 196, zeros + " zero pixels");
    }
  }

  @Test
  void horizontalFlipAndRandomCropChangeWhatThePlainPipelineSees() {
    // Same seed, same data order in the three runs.
    train(DataModelPipelines.Plain.class, 2);
    train(DataModelPipelines.WithHorizontalFlip.class, 2);
    train(DataModelPipelines.WithRandomCrop.class, 2);
    List<float[]> plain = ProbeMethod.of("Plain").firstImages;
    List<float[]> flipped = ProbeMethod.of("WithHorizontalFlip").firstImages;
    List<float[]> cropped = ProbeMethod.of("WithRandomCrop").firstImages;
    boolean shifted = false;
    for (int step = 0; step < 2; step++) {
      // Probability 1: each step's first image is the plain run's, mirrored.
      float[] mirrored = new float[28 * 28];
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          mirrored[y * 28 + x] = plain.get(step)[y * 28 + 27 - x];
        }
      }
      assertArrayEquals(mirrored, flipped.get(step), "step " + step);
      // The crop keeps the size and holds only the image's own pixel values (the border is
      // repeated, nothing is made up).
      assertEquals(28 * 28, cropped.get(step).length);
      Set<Float> values = new HashSet<>();
      for (float v : plain.get(step)) {
        values.add(v);
      }
      for (float v : cropped.get(step)) {
        assertTrue(values.contains(v), "a pixel value the image does not have: " + v);
      }
      shifted |= !Arrays.equals(plain.get(step), cropped.get(step));
    }
    // Each of the two images stays in place with probability 1/81 (dy = dx = 4).
    assertTrue(shifted, "neither crop moved its image");
  }

  @Test
  void colOutTrainsOnTwentyThreeByTwentyThreeImages() {
    // ⌊28·0.85⌋ = 23 rows and columns are kept; the ResNet's global pooling accepts them.
    train(DataModelPipelines.WithColOut.class, 3);
    for (long[] shape : ProbeMethod.of("WithColOut").inputShapes) {
      assertArrayEquals(new long[] {64, 1, 23, 23}, shape);
    }
  }

  @Test
  void dataPruningTrainsOnHalfTheExamplesInShorterEpochs() {
    // 600 training images, half kept: 300, in 300/100 = 3 steps an epoch instead of 6.
    RunResult result = train(DataModelPipelines.WithDataPruning.class, 2);
    ProbeMethod probe = ProbeMethod.of("WithDataPruning");
    assertEquals(300, probe.trainExamples);
    assertEquals(3, probe.stepsPerEpoch);
    assertEquals(2, result.steps());
  }

  @Test
  void stochasticDepthSkipsDifferentResidualBranchesFromStepToStep() {
    // TINY has 3 residual blocks, each dropped with probability ½ (UNIFORM) in each step: over
    // 6 steps (18 draws) both outcomes occur, unless the seed's draws were all alike.
    train(DataModelPipelines.WithStochasticDepth.class, 6);
    ProbeMethod probe = ProbeMethod.of("WithStochasticDepth");
    assertEquals(3, ProbeMethod.find(probe.model, StochasticBranch.class).size());
    int kept = 0;
    int dropped = 0;
    for (boolean[] step : probe.branchesKept) {
      for (boolean k : step) {
        kept += k ? 1 : 0;
        dropped += k ? 0 : 1;
      }
    }
    assertEquals(18, kept + dropped);
    assertTrue(kept > 0 && dropped > 0, kept + " kept, " + dropped + " dropped");
  }

  @Test
  void layerFreezingStopsUpdatingTheEarlyLayersOnceFreezingHasBegun() {
    // 6 steps an epoch, 12 in the run; epoch 1 starts at progress 0.5, where (freezeStart 0,
    // level 1) half of the 6 layers with weights (Composer counts only those), ⌊0.5·6⌋ = 3,
    // freeze: conv, bn, conv.
    // So in epoch 1 (steps 6, 7) the first convolution's weights stop changing while the
    // classifier's keep changing; in epoch 0 both changed.
    train(DataModelPipelines.WithLayerFreezing.class, 8);
    ProbeMethod probe = ProbeMethod.of("WithLayerFreezing");
    List<Block> layers = LayerFreezingMethod.layers(probe.model);
    String firstConv = weightName(probe, (Conv2d) layers.get(0));
    String classifier = weightName(probe, (Linear) layers.get(layers.size() - 1));
    List<Map<String, Integer>> hashes = probe.parameterHashes;
    assertEquals(8, hashes.size());
    assertNotEquals(hashes.get(4).get(firstConv), hashes.get(5).get(firstConv), "epoch 0");
    assertEquals(hashes.get(5).get(firstConv), hashes.get(6).get(firstConv), "frozen in epoch 1");
    assertEquals(hashes.get(6).get(firstConv), hashes.get(7).get(firstConv), "frozen in epoch 1");
    assertNotEquals(hashes.get(6).get(classifier), hashes.get(7).get(classifier), "still trains");
  }

  /** The model's name for {@code layer}'s weight. */
  private static String weightName(ProbeMethod probe, Block layer) {
    Parameter weight = layer.getParameters().get("weight");
    return probe.model.getParameters().stream()
        .filter(p -> p.getValue() == weight)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  @Test
  void selectiveBackpropBackpropagatesHalfOfEachBatch() {
    // keep ½ of 64: every step trains on 32 examples.
    train(DataModelPipelines.WithSelectiveBackprop.class, 3);
    List<long[]> shapes = ProbeMethod.of("WithSelectiveBackprop").inputShapes;
    assertEquals(3, shapes.size());
    for (long[] shape : shapes) {
      assertArrayEquals(new long[] {32, 1, 28, 28}, shape);
    }
  }

  @Test
  void blurPoolBlursTheStridedConvolutionsOfTheResNetBeyondItsStem() {
    // TINY: stages 2 and 3 start with a stride-2 convolution and a stride-2 shortcut, on 16 and
    // 32 input channels (the stem has 1, under minChannels 16): 4 blurs.
    train(DataModelPipelines.WithBlurPool.class, 2);
    assertEquals(4, BlurPoolMethod.blurCount(ProbeMethod.of("WithBlurPool").model));
  }

  @Test
  void squeezeExciteGatesTheConvolutionsOfSixtyFourChannelsInAndOut() {
    // TINY's third stage: two 3×3 convolutions and the 1×1 shortcut have 64 filters, but only the
    // second 3×3 one also takes 64 channels in (the others take stage 2's 32).
    train(DataModelPipelines.WithSqueezeExcite.class, 2);
    Block model = ProbeMethod.of("WithSqueezeExcite").model;
    assertEquals(1, ProbeMethod.find(model, SqueezeExcite2d.class).size());
  }

  @Test
  void ghostBatchNormWrapsEveryBatchNormOfTheResNet() {
    // TINY's 9 BatchNorms: the stem's, two per residual block, one per projection shortcut.
    train(DataModelPipelines.WithGhostBatchNorm.class, 2);
    Block model = ProbeMethod.of("WithGhostBatchNorm").model;
    assertEquals(9, ProbeMethod.find(model, GhostBatchNormBlock.class).size());
  }
}
