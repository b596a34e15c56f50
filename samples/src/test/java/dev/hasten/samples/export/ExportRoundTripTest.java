package dev.hasten.samples.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.inject.Module;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ScaledBranch;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.runtime.speedup.surgery.BlurConv2d;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import dev.hasten.samples.FashionBaseline;
import dev.hasten.samples.FashionMild;
import dev.hasten.samples.catalog.SmallSubset;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact round trip: a short run on a small subset exports its model; a fresh JVM loads it and
 * evaluates it on the same test split. Its accuracy must be the run's final accuracy, the same
 * double, and its logits within 1e-5 of those the run's own model computed at that evaluation, with
 * the weights evaluation saw (the EMA or SWA average swapped in). Exporting the training weights
 * instead, or a model without the surgery's evaluation form, fails the logits check.
 */
class ExportRoundTripTest {
  static final int EXAMPLES = 600;
  static final int STEPS = 4;

  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void smallData() throws IOException {
    data = SmallSubset.copyTo(tmp.resolve("data"), EXAMPLES);
  }

  @Test
  void baseline() throws Exception {
    roundTrip(FashionBaseline.class, "baseline");
  }

  @Test
  void mildWithEma() throws Exception {
    roundTrip(FashionMild.class, "mild");
  }

  @Test
  void surgeryInItsEvaluationForm() throws Exception {
    Path run = roundTrip(ExportPipelines.Surgery.class, "surgery");
    try (Model model = HastenModel.load(run)) {
      List<Class<?>> kinds = kinds(model.getBlock());
      assertTrue(kinds.contains(BlurConv2d.class), kinds.toString());
      assertTrue(kinds.contains(SqueezeExcite2d.class), kinds.toString());
      assertTrue(kinds.contains(ScaledBranch.class), kinds.toString());
      assertFalse(kinds.contains(StochasticBranch.class), kinds.toString());
      assertFalse(kinds.contains(GhostBatchNormBlock.class), kinds.toString());
    }
  }

  @Test
  void swaAverage() throws Exception {
    roundTrip(ExportPipelines.Averaged.class, "swa");
  }

  @Test
  void ownBlockLoadsWithItsPipelineClass() throws Exception {
    roundTrip(ExportPipelines.OwnBlock.class, "own");
  }

  /** Trains {@code pipeline} for {@value #STEPS} steps, then checks the export in a fresh JVM. */
  static Path roundTrip(Class<?> pipeline, String name) throws Exception {
    Path out = tmp.resolve(name);
    LastEvaluation last = new LastEvaluation(STEPS, data);
    Module observe = binder -> binder.bind(StepObserver.class).toInstance(last);
    RunResult result =
        Hasten.train(
            pipeline,
            RunOptions.defaults()
                .withData(data)
                .withOut(out)
                .withMaxSteps(STEPS)
                .withProgressBar(false),
            observe);
    assertTrue(Files.isRegularFile(out.resolve("model/hasten-model.json")), "no model/ exported");
    Path report = tmp.resolve(name + ".bin");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                EvaluateExported.class.getName(),
                out.resolve("model").toString(),
                data.toString(),
                report.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the fresh JVM did not finish");
    assertEquals(0, child.exitValue(), output);
    try (DataInputStream in = new DataInputStream(Files.newInputStream(report))) {
      double accuracy = in.readDouble();
      float[] logits = new float[in.readInt()];
      for (int i = 0; i < logits.length; i++) {
        logits[i] = in.readFloat();
      }
      assertEquals(result.finalTestAcc(), accuracy, 0.0, "accuracy in a fresh JVM");
      assertEquals(last.logits.length, logits.length);
      double worst = 0;
      for (int i = 0; i < logits.length; i++) {
        worst = Math.max(worst, Math.abs(logits[i] - last.logits[i]));
      }
      assertTrue(worst <= 1e-5, "logits differ by up to " + worst);
    }
    return out;
  }

  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  static List<Class<?>> kinds(Block block) {
    List<Class<?>> kinds = new ArrayList<>();
    kinds.add(block.getClass());
    for (Block child : block.getChildren().values()) {
      kinds.addAll(kinds(child));
    }
    return kinds;
  }

  /**
   * The logits of the run's model on the test split at the evaluation after the last step, as the
   * weights were then (what the run's evaluation saw).
   */
  static final class LastEvaluation implements StepObserver {
    private final long lastStep;
    private final Path data;
    float[] logits = new float[0];

    LastEvaluation(long lastStep, Path data) {
      this.lastStep = lastStep;
      this.data = data;
    }

    @Override
    public void at(
        Boundary boundary, dev.hasten.runtime.loop.Run run, dev.hasten.runtime.loop.Step step) {
      if (boundary != Boundary.EVAL_END || run.stepsTaken() != lastStep) {
        return;
      }
      try (NDManager manager = run.manager().newSubManager();
          Datasets datasets = new Datasets(DataLocation.fromFlag(data), manager)) {
        NDArray images = datasets.fashionMnist(Split.TEST).images();
        long n = images.getShape().get(0);
        List<Float> all = new ArrayList<>();
        for (long from = 0; from < n; from += 500) {
          NDArray x = images.get(new NDIndex(from + ":" + Math.min(from + 500, n)));
          NDArray out =
              run.model()
                  .forward(new ParameterStore(manager, false), new NDList(x), false)
                  .singletonOrThrow();
          for (float f : out.toFloatArray()) {
            all.add(f);
          }
        }
        logits = new float[all.size()];
        for (int i = 0; i < logits.length; i++) {
          logits[i] = all.get(i);
        }
      }
    }
  }
}
