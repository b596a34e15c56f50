package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.samples.FashionRecipeHot;
import dev.hasten.samples.FashionRecipeMedium;
import dev.hasten.samples.FashionRecipeMild;
import dev.hasten.samples.SubsetData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each recipe's pipeline runs its whole generated loop (every speedup of the recipe, in loop order)
 * on the embedded subset for a few steps. Sam runs on step 0 of each (interval 10 and 5).
 */
class RecipesTrainTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  private static RunResult train(Class<?> pipeline) {
    return Hasten.train(
        pipeline,
        RunOptions.defaults()
            .withData(data)
            .withOut(tmp.resolve(pipeline.getSimpleName()))
            .withProgressBar(false)
            .withMaxSteps(3));
  }

  @Test
  void mildRunsItsFiveSpeedups() {
    RunResult r = train(FashionRecipeMild.class);
    assertEquals(
        List.of("ProgressiveResizing", "BlurPool", "Ema", "LabelSmoothing", "DecoupledWeightDecay"),
        r.speedups());
    assertEquals(3, r.steps());
    assertTrue(Double.isFinite(r.finalTestAcc()));
  }

  @Test
  void mediumAddsMixUpAndSam() {
    RunResult r = train(FashionRecipeMedium.class);
    assertTrue(
        r.speedups().containsAll(List.of("MixUp", "Sam", "BlurPool", "Ema")),
        r.speedups().toString());
    assertEquals(7, r.speedups().size());
    assertEquals(3, r.steps());
  }

  @Test
  void hotRunsItsEightSpeedups() {
    RunResult r = train(FashionRecipeHot.class);
    assertTrue(
        r.speedups().containsAll(List.of("StochasticDepth", "Sam", "MixUp")),
        r.speedups().toString());
    assertEquals(8, r.speedups().size());
    assertEquals(3, r.steps());
  }
}
