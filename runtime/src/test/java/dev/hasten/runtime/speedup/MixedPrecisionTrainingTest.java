package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MixedPrecision's whole step (FP16 model, scaled loss, gradients moved onto the FP32 masters and
 * unscaled, the step taken or skipped, the scale updated) trained for real. A pipeline with
 * {@code @MixedPrecision} stops at FIT_START on the CPU (there is no speed to gain there), so the
 * test drives the stages that follow by hand, as the generated loop calls them; libtorch computes
 * FP16 convolutions on the CPU, only slowly, which is enough to check the arithmetic.
 */
class MixedPrecisionTrainingTest {
  @TempDir Path tmp;

  /** The training loss of each of the first 30 steps on the embedded Fashion-MNIST subset. */
  private List<Double> stepLosses(boolean mixed, Path out) {
    MixedPrecisionMethod method = new MixedPrecisionMethod(new LossScaler(1024, 2, 0.5, 2000));
    List<Double> losses = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager();
        Datasets data = new Datasets(DataLocation.embedded(), manager)) {
      Block cnn = new Models().compactCnn(10);
      Block model = mixed ? method.apply(cnn, null) : cnn;
      SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.02).optMomentum(0.9).build();
      RunSpec spec =
          RunSpec.builder()
              .setPipeline("test.MixedPrecision")
              .setEpochs(1)
              .setBatchSize(32)
              .setImageShape(1, 28, 28)
              .setClasses(10)
              .build();
      RunOptions options =
          RunOptions.defaults().withOut(out).withProgressBar(false).withMaxSteps(30);
      try (Run run =
          new Runs(options, manager)
              .open(
                  spec, model, data.fashionMnist(Split.TRAIN), null, sgd, new ConstantSchedule())) {
        for (int epoch : run.epochs()) {
          for (Step step : run.steps(epoch)) {
            try (GradientCollector gradients = run.newGradientCollector()) {
              run.forward(step);
              run.computeLoss(step);
              gradients.backward(step.loss());
            }
            losses.add((double) step.loss().getFloat());
            if (mixed) {
              method.transformGradients(step);
              method.step(run, step);
            } else {
              run.optimizerStep(step);
            }
            run.endStep(step);
          }
          run.endEpoch(epoch);
        }
        cnn.getParameters()
            .forEach(p -> assertEquals(DataType.FLOAT32, p.getValue().getArray().getDataType()));
      }
    }
    return losses;
  }

  private static double meanOf(List<Double> values, int from, int to) {
    return values.subList(from, to).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElseThrow();
  }

  @Test
  void fp16StepsLearnLikeFp32OnesAndKeepFp32Masters() {
    List<Double> mixed = stepLosses(true, tmp.resolve("mixed"));
    List<Double> full = stepLosses(false, tmp.resolve("full"));
    assertEquals(30, mixed.size());
    // Real images: the loss starts near ln 10 = 2.3 and a learning step halves it within 30
    // steps, in FP16 as in FP32 ...
    double firstFive = meanOf(mixed, 0, 5);
    double lastFive = meanOf(mixed, 25, 30);
    assertTrue(lastFive < 0.6 * firstFive, "FP16 losses " + mixed);
    // ... and FP16 rounding (11-bit mantissas) moves the trajectory only a little: the same
    // seed and data in FP32 ends within 15% of it.
    double fullLastFive = meanOf(full, 25, 30);
    assertTrue(
        Math.abs(lastFive - fullLastFive) < 0.15 * fullLastFive,
        "FP16 " + mixed + " vs FP32 " + full);
  }
}
