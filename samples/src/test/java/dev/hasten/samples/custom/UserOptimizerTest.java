package dev.hasten.samples.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Pipeline;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.samples.BaselineCnnOnFashion;
import dev.hasten.samples.catalog.SmallSubset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user-defined optimizer and schedule ({@link SignSgd}, {@link StepLr}) train a pipeline: the
 * generated module creates them from the pipeline's annotations, and each step of the run moves
 * every classifier weight by exactly the scheduled rate times the sign of its gradient.
 */
class UserOptimizerTest {
  @TempDir Path tmp;

  /** 400 examples at batch 100: 4 steps, and a tenfold drop after each (a quarter of the run). */
  @Pipeline(epochs = 1, batchSize = 100)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @SignSgd(lr = 0.01)
  @StepLr(everyFraction = 0.25, factor = 0.1)
  public static class SignSgdSteps extends BaselineCnnOnFashion {}

  @Test
  void aUserOptimizerAndScheduleTrainAPipeline() throws IOException {
    Path data = SmallSubset.copyTo(tmp.resolve("data"), 400);
    ClassifierUpdates updates = new ClassifierUpdates();

    Hasten.train(
        SignSgdSteps.class,
        RunOptions.defaults().withData(data).withOut(tmp.resolve("run")).withProgressBar(false),
        binder -> binder.bind(StepObserver.class).toInstance(updates));

    // base · 0.1^step, by hand.
    assertEquals(4, updates.rates.size(), updates.rates.toString());
    double[] expected = {0.01, 0.001, 1e-4, 1e-5};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], updates.rates.get(i), 1e-15);
    }
    assertTrue(updates.moved > 0, "no classifier weight moved");
    assertEquals(0, updates.wrong, "weights that moved other than by lr·sign(g)");
  }

  /**
   * Records each step's scheduled rate, and counts the classifier's weights (the last matrix) that
   * did not land on {@code w − lr·sign(g)}, computed in float32, within one ulp.
   */
  static final class ClassifierUpdates implements StepObserver {
    final List<Double> rates = new ArrayList<>();
    long wrong;
    long moved;
    private float[] before;
    private float[] sign;
    private double lr;

    @Override
    public void at(Boundary boundary, Run run, Step step) {
      if (boundary == Boundary.OPTIMIZER_START) {
        NDArray w = classifier(run).getArray();
        lr = run.learningRate(step.index());
        rates.add(lr);
        before = w.toFloatArray();
        try (NDManager scratch = NDManager.newBaseManager(w.getDevice())) {
          NDArray g = w.getGradient();
          g.attach(scratch);
          sign = g.sign().toFloatArray();
        }
      } else if (boundary == Boundary.OPTIMIZER_END) {
        float[] after = classifier(run).getArray().toFloatArray();
        for (int i = 0; i < after.length; i++) {
          // In float32, as the update computes it: the rate rounds to float32 first.
          float expected = before[i] - (float) lr * sign[i];
          if (Math.abs(after[i] - expected) > Math.ulp(expected)) {
            wrong++;
          }
          moved += after[i] != before[i] ? 1 : 0;
        }
      }
    }

    private static Parameter classifier(Run run) {
      Parameter last = null;
      for (Parameter p : run.model().getParameters().values()) {
        if (p.getArray().getShape().dimension() == 2) {
          last = p;
        }
      }
      return last;
    }
  }
}
