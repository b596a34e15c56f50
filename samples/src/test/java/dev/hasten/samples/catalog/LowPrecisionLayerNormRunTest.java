package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.LowPrecisionLayerNorm;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.samples.FashionMnistData;
import dev.hasten.samples.SubsetData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @LowPrecisionLayerNorm} through a generated loop on the CPU: the run stops when it starts,
 * as {@code @MixedPrecision}'s does, with one line (the command line's exit code 2) and nothing
 * written to the metrics.
 */
class LowPrecisionLayerNormRunTest {
  @TempDir Path tmp;

  /** A model with a LayerNorm, on the embedded images: what the method needs but the GPU. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @LowPrecisionLayerNorm
  public static class NormedOnTheCpu extends FashionMnistData {
    @Model(traits = {Trait.LAYER_NORM})
    public Block model() {
      return new SequentialBlock()
          .add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(32).build())
          .add(LayerNorm.builder().build())
          .add(Linear.builder().setUnits(10).build());
    }
  }

  @Test
  void onTheCpuTheRunStopsBeforeItsFirstStepWithOneLine() throws IOException {
    RunOptions options =
        RunOptions.defaults()
            .withData(SubsetData.copyTo(tmp.resolve("data")))
            .withOut(tmp.resolve("run"))
            .withProgressBar(false);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> Hasten.train(NormedOnTheCpu.class, options));
    assertTrue(
        e.getMessage().startsWith("@LowPrecisionLayerNorm needs a GPU, but this run is on cpu"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    Path metrics = tmp.resolve("run").resolve("metrics.jsonl");
    assertEquals(0, Files.exists(metrics) ? Files.readAllLines(metrics).size() : 0);
  }
}
