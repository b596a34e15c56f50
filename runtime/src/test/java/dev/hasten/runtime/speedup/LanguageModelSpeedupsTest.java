package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.hasten.dsl.ClippingType;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speedups that apply to language models, each on a few steps of the toy GPT on the embedded
 * Book of Genesis ({@link GptRuns}), in the order the generated loop calls them: each trains with
 * finite losses and does its job on token windows, checked against values derived by hand.
 */
class LanguageModelSpeedupsTest {
  @TempDir Path out;

  /** Forward, then {@code beforeLoss}, loss and backward: the generated loop's first half. */
  private static void forwardAndBackward(Run run, Step step, Runnable beforeLoss) {
    try (GradientCollector gradients = run.newGradientCollector()) {
      run.forward(step);
      beforeLoss.run();
      run.computeLoss(step);
      gradients.backward(step.loss());
    }
  }

  private static void assertFiniteLoss(Step step) {
    float loss = step.loss().getFloat();
    assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
  }

  private static void assertFiniteEvaluation(RunResult result) {
    double loss = result.finalTestLoss();
    assertTrue(Double.isFinite(loss) && loss > 0, "test loss " + loss);
  }

  /**
   * A target per position of {@code [B, T, V]}: {@code (1 − ε)·onehot + ε/V}, 0.9 + 0.1/256 =
   * 0.900390625 at the next token and 0.1/256 = 0.000390625 elsewhere. Its loss splits by hand into
   * {@code (1 − ε)·CE(next token) + ε·mean over v of −log p_v}, both averaged over positions.
   */
  @Test
  void labelSmoothingSpreadsEachPositionsTargetOverTheVocabulary() {
    LabelSmoothingMethod smoothing = new LabelSmoothingMethod(0.1);
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 3, 1, GptRuns.adamW(0.1), new ConstantSchedule())) {
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> smoothing.transformTargets(step));
          if (step.index() == 0) {
            NDArray targets = step.targets();
            assertEquals(new Shape(GptRuns.BATCH, GptRuns.T, 256), targets.getShape());
            float[] t = targets.toFloatArray();
            long[] next = step.labels().toLongArray();
            for (int position = 0; position < next.length; position++) {
              for (int v = 0; v < 256; v++) {
                float expected = v == next[position] ? 0.900390625f : 0.000390625f;
                assertEquals(expected, t[position * 256 + v], 1e-7f);
              }
            }
            NDArray logits = step.logits();
            double crossEntropy = CrossEntropy.meanOfLabels(logits, step.labels()).getFloat();
            double uniform = logits.logSoftmax(-1).mean(new int[] {-1}).mean().neg().getFloat();
            assertEquals(0.9 * crossEntropy + 0.1 * uniform, step.loss().getFloat(), 1e-5);
          }
          run.optimizerStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
        }
        run.evaluate(epoch);
        run.endEpoch(epoch);
      }
      assertFiniteEvaluation(run.finish());
    }
  }

  /**
   * Norm clipping scales every gradient of the GPT, the tied token matrix's included (its two uses
   * summed into one gradient), by {@code c / (‖g‖ + 1e-6)}, so the global norm becomes {@code c}.
   */
  @Test
  void gradientClippingBoundsTheGlobalNormOfTheGptsGradients() {
    double threshold = 0.25;
    GradientClippingMethod clipping = new GradientClippingMethod(ClippingType.NORM, threshold);
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 3, 1, GptRuns.adamW(0.1), new ConstantSchedule())) {
      String tokens = GptRuns.tokensName(run.model());
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          Map<String, float[]> before = GptRuns.gradients(run.model());
          double norm = GptRuns.globalNorm(before);
          assertTrue(norm > threshold, "the gradients are already within the bound: " + norm);
          clipping.transformGradients(step);
          Map<String, float[]> after = GptRuns.gradients(run.model());
          assertEquals(threshold, GptRuns.globalNorm(after), threshold * 1e-4);
          float[] g = before.get(tokens);
          float[] clipped = after.get(tokens);
          double scale = threshold / (norm + 1e-6);
          for (int i = 0; i < g.length; i += 97) {
            assertEquals(g[i] * scale, clipped[i], Math.abs(g[i] * scale) * 1e-4 + 1e-9);
          }
          run.optimizerStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
        }
        run.endEpoch(epoch);
      }
      run.finish();
    }
  }

  /**
   * With AdamW's own decay at 0, every parameter of the GPT (embeddings, attention, feed-forward,
   * LayerNorm) is multiplied by {@code 1 − lr·wd = 1 − 1e-3·0.1 = 0.9999} before the update.
   */
  @Test
  void decoupledWeightDecayShrinksEveryParameterByLrTimesWd() {
    DecoupledWeightDecayMethod decay =
        new DecoupledWeightDecayMethod(0.1, 1e-3, new ConstantSchedule());
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 2, 1, GptRuns.adamW(0), new ConstantSchedule())) {
      decay.onFitStart(run);
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          Map<String, float[]> before = GptRuns.weights(run.model());
          decay.transformGradients(step);
          Map<String, float[]> after = GptRuns.weights(run.model());
          for (String name : before.keySet()) {
            float[] w = before.get(name);
            float[] decayed = after.get(name);
            for (int i = 0; i < w.length; i += 31) {
              assertEquals(w[i] * 0.9999, decayed[i], Math.abs(w[i]) * 1e-6, name);
            }
          }
          run.optimizerStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
        }
        run.endEpoch(epoch);
      }
      run.finish();
    }
  }

  /**
   * A half-life of one step gives {@code s = 0.5}: the average is a copy of the weights after the
   * first step, {@code w₁}, then {@code ½w₁ + ½w₂}, then {@code ¼w₁ + ¼w₂ + ½w₃}. Evaluation sees
   * the average and training gets {@code w₃} back exactly.
   */
  @Test
  void emaAveragesTheGptsWeightsAndEvaluationSeesTheAverage() {
    try (EmaMethod ema = new EmaMethod(1, 1);
        NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 3, 1, GptRuns.adamW(0.1), new ConstantSchedule())) {
      String tokens = GptRuns.tokensName(run.model());
      ema.onFitStart(run);
      List<float[]> trained = new ArrayList<>();
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          run.optimizerStep(step);
          ema.afterStep(step);
          trained.add(GptRuns.weights(run.model()).get(tokens));
          assertFiniteLoss(step);
          run.endStep(step);
        }
        float[] average = ema.averages().get(tokens).toFloatArray();
        float[] w1 = trained.get(0);
        float[] w2 = trained.get(1);
        float[] w3 = trained.get(2);
        for (int i = 0; i < average.length; i++) {
          assertEquals(0.25 * w1[i] + 0.25 * w2[i] + 0.5 * w3[i], average[i], 1e-6);
        }
        ema.swapIn(run.model());
        assertArrayEquals(average, GptRuns.weights(run.model()).get(tokens));
        run.evaluate(epoch);
        ema.swapOut(run.model());
        assertArrayEquals(w3, GptRuns.weights(run.model()).get(tokens));
        run.endEpoch(epoch);
      }
      assertFiniteEvaluation(run.finish());
    }
  }

  /**
   * SWA over {@code [0.5, 1)} of a 4-step run averages the weights after steps 2 and 3 (from 0),
   * equally, and puts the average into the model after the last: a GPT has no BatchNorm, so nothing
   * is recomputed and the average is exactly the model's weights.
   */
  @Test
  void swaWithoutBatchNormEndsOnTheEqualAverageOfTheLateSteps() {
    try (SwaMethod swa = new SwaMethod(0.5, 1.0, 1);
        NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 4, 1, GptRuns.adamW(0.1), new ConstantSchedule())) {
      assertTrue(!BatchNormStatistics.present(run.model()));
      String tokens = GptRuns.tokensName(run.model());
      swa.onFitStart(run);
      List<float[]> trained = new ArrayList<>();
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          run.optimizerStep(step);
          trained.add(GptRuns.weights(run.model()).get(tokens));
          swa.afterStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
        }
        swa.swapIn(run.model());
        run.evaluate(epoch);
        swa.swapOut(run.model());
        run.endEpoch(epoch);
      }
      assertTrue(swa.finished());
      assertEquals(2, swa.count());
      float[] kept = GptRuns.weights(run.model()).get(tokens);
      for (int i = 0; i < kept.length; i++) {
        assertEquals((trained.get(2)[i] + trained.get(3)[i]) / 2, kept[i], 1e-7);
      }
      assertFiniteEvaluation(run.finish());
    }
  }

  /**
   * From progress 0.5 with {@code freezeLevel = 1}, the first ⌊0.5·26⌋ = 13 of the GPT's 27 layers
   * are frozen (the count is derived in {@link LayerFreezingMethodTest}): the embedding and the
   * first two blocks, but not the token matrix, which the output projection also uses. In the
   * second epoch the frozen weights stay exactly as they were and every other one trains.
   */
  @Test
  void layerFreezingFreezesTheGptsFirstBlocksAndTrainsTheRest() {
    LayerFreezingMethod freezing = new LayerFreezingMethod(0, 1);
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 2, 2, GptRuns.adamW(0.1), new ConstantSchedule())) {
      Block model = run.model();
      for (int epoch : run.epochs()) {
        freezing.onEpochStart(run, epoch);
        Map<String, float[]> atEpochStart = GptRuns.weights(model);
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          run.optimizerStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
        }
        Map<String, float[]> atEpochEnd = GptRuns.weights(model);
        for (Pair<String, Parameter> p : model.getParameters()) {
          String name = p.getKey();
          boolean frozen =
              epoch == 1
                  && (name.endsWith("positions")
                      || name.startsWith("02Decoder")
                      || name.startsWith("03Decoder"));
          assertEquals(frozen, !p.getValue().requiresGradient(), name);
          assertEquals(frozen, Arrays.equals(atEpochStart.get(name), atEpochEnd.get(name)), name);
        }
        run.evaluate(epoch);
        run.endEpoch(epoch);
      }
      assertFiniteEvaluation(run.finish());
    }
  }

  /**
   * Half the scale halves the run: 2 epochs of 4 steps become 4 steps, and the cosine schedule
   * reaches its end at the last of them.
   */
  @Test
  void scaleScheduleHalvesALanguageRun() {
    ScaleScheduleMethod scale = new ScaleScheduleMethod(0.5);
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 4, 2, GptRuns.adamW(0.1), new CosineSchedule(0))) {
      assertEquals(8, run.totalSteps());
      scale.onFitStart(run);
      assertEquals(4, run.totalSteps());
      long steps = 0;
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          run.optimizerStep(step);
          assertFiniteLoss(step);
          run.endStep(step);
          steps++;
        }
        run.evaluate(epoch);
        run.endEpoch(epoch);
      }
      assertEquals(4, steps);
      RunResult result = run.finish();
      assertEquals(4, result.steps());
      assertFiniteEvaluation(result);
    }
  }

  /**
   * With plain SGD (rate 0.1, no momentum), a Sam step is {@code w ← w − 0.1·∇L(w + e)}, {@code e =
   * ρ·g/(‖g‖ + ε)}: the test computes {@code ∇L(w + e)} itself on the same windows and checks the
   * weights Sam left.
   */
  @Test
  void samStepsTheGptWithTheGradientAtTheAscendedPoint() {
    double rho = 0.05;
    SamMethod sam = new SamMethod(rho, 1e-12, 1);
    SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.1).build();
    try (NDManager manager = NDManager.newBaseManager();
        Run run = GptRuns.open(manager, out, 2, 1, sgd, new ConstantSchedule())) {
      Block model = run.model();
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          forwardAndBackward(run, step, () -> {});
          Map<String, float[]> w = GptRuns.weights(model);
          Map<String, float[]> g = GptRuns.gradients(model);
          float loss = step.loss().getFloat();
          sam.step(run, step);
          assertEquals(loss, step.loss().getFloat(), 0, "the step keeps the first pass's loss");
          Map<String, float[]> stepped = GptRuns.weights(model);

          double scale = rho / (GptRuns.globalNorm(g) + 1e-12);
          Map<String, float[]> ascended = new LinkedHashMap<>();
          for (String name : w.keySet()) {
            float[] moved = w.get(name).clone();
            float[] grad = g.get(name);
            for (int i = 0; i < moved.length; i++) {
              moved[i] += (float) (scale * grad[i]);
            }
            ascended.put(name, moved);
          }
          GptRuns.setWeights(model, ascended, step.manager());
          forwardAndBackward(run, step, () -> {});
          Map<String, float[]> atAscended = GptRuns.gradients(model);
          for (String name : w.keySet()) {
            float[] expected = w.get(name);
            float[] actual = stepped.get(name);
            float[] g2 = atAscended.get(name);
            for (int i = 0; i < expected.length; i += 13) {
              assertEquals(expected[i] - 0.1f * g2[i], actual[i], 1e-6, name);
            }
          }
          assertNotEquals(0, GptRuns.globalNorm(atAscended));
          GptRuns.setWeights(model, stepped, step.manager());
          try (GradientCollector zeroing = run.newGradientCollector()) {
            zeroing.zeroGradients();
          }
          assertFiniteLoss(step);
          run.endStep(step);
        }
        run.endEpoch(epoch);
      }
      run.finish();
    }
  }
}
