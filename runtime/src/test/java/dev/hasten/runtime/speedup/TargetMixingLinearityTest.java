package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.loop.Step;
import org.junit.jupiter.api.Test;

/**
 * The loss is linear in the targets, so where the targets are mixed does not matter: mixing two
 * losses (Composer's {@code interpolate_loss}) is mixing the targets, and label smoothing, itself
 * an affine map that keeps a target's sum, commutes with a convex mix. These tests pin both, so
 * that MixUp, CutMix and LabelSmoothing need no option or order between them.
 */
class TargetMixingLinearityTest {

  @Test
  void interpolatingTwoLossesIsTheLossOfTheMixedTargetsWithTheSameGradient() {
    // Logits [0, ln 3]: softmax [1/4, 3/4]. Targets a = [1, 0] and b = [0, 1], λ = 0.3.
    // Mixed target [0.3, 0.7]: −(0.3·ln ¼ + 0.7·ln ¾) = 0.3·1.3862944 + 0.7·0.2876821
    //   = 0.4158883 + 0.2013775 = 0.6172658.
    // Two losses: CE(a) = ln 4 = 1.3862944, CE(b) = ln 4/3 = 0.2876821, and
    //   0.3·1.3862944 + 0.7·0.2876821 = 0.6172658, the same.
    // The gradient with respect to the logits is softmax − target either way:
    //   [0.25 − 0.3, 0.75 − 0.7] = [−0.05, 0.05].
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] logitValues = {0, (float) Math.log(3)};
      NDArray a = manager.create(new float[] {1, 0}, new Shape(1, 2));
      NDArray b = manager.create(new float[] {0, 1}, new Shape(1, 2));
      NDArray mixedTarget = a.mul(0.3f).add(b.mul(0.7f));

      NDArray logits = manager.create(logitValues, new Shape(1, 2));
      logits.setRequiresGradient(true);
      float mixedLoss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = CrossEntropy.mean(logits, mixedTarget);
        mixedLoss = loss.getFloat();
        collector.backward(loss);
      }
      float[] mixedGradient = logits.getGradient().toFloatArray();

      NDArray logits2 = manager.create(logitValues, new Shape(1, 2));
      logits2.setRequiresGradient(true);
      float interpolatedLoss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss =
            CrossEntropy.mean(logits2, a).mul(0.3f).add(CrossEntropy.mean(logits2, b).mul(0.7f));
        interpolatedLoss = loss.getFloat();
        collector.backward(loss);
      }
      float[] interpolatedGradient = logits2.getGradient().toFloatArray();

      assertEquals(0.6172658f, mixedLoss, 1e-6f);
      assertEquals(0.6172658f, interpolatedLoss, 1e-6f);
      assertArrayEquals(new float[] {-0.05f, 0.05f}, mixedGradient, 1e-6f);
      assertArrayEquals(new float[] {-0.05f, 0.05f}, interpolatedGradient, 1e-6f);
    }
  }

  @Test
  void smoothingAMixIsMixingTheSmoothedTargetsByHand() {
    // Targets [1, 0] and [0, 1], swapped by perm [1, 0] with λ = 0.75, smoothing ε = 0.1 over
    // K = 2 (ε/K = 0.05):
    //   mix, then smooth: [0.75, 0.25] → 0.9·[0.75, 0.25] + 0.05 = [0.725, 0.275]
    //   smooth, then mix: [0.95, 0.05] and [0.05, 0.95] → 0.75·[0.95, 0.05] + 0.25·[0.05, 0.95]
    //                     = [0.7125 + 0.0125, 0.0375 + 0.2375] = [0.725, 0.275]
    // In general (1 − ε)(λt + (1 − λ)t') + ε/K = λ((1 − ε)t + ε/K) + (1 − λ)((1 − ε)t' + ε/K),
    // since λ + (1 − λ) = 1.
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray targets = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
      NDArray perm = manager.create(new long[] {1, 0});
      NDArray mixThenSmooth = LabelSmoothingMethod.smooth(Mixing.mix(targets, 0.75, perm), 0.1);
      NDArray smoothThenMix = Mixing.mix(LabelSmoothingMethod.smooth(targets, 0.1), 0.75, perm);
      float[] expected = {0.725f, 0.275f, 0.275f, 0.725f};
      assertArrayEquals(expected, mixThenSmooth.toFloatArray(), 1e-6f);
      assertArrayEquals(expected, smoothThenMix.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void labelSmoothingAndMixUpOrCutMixGiveTheSameTargetsInEitherOrder() {
    // The real methods on a real step, in both orders: eight examples of ten classes.
    MixUpMethod mixUp = new MixUpMethod(0.4);
    CutMixMethod cutMix = new CutMixMethod(1.0);
    LabelSmoothingMethod smoothing = new LabelSmoothingMethod(0.13);
    for (long index = 0; index < 5; index++) {
      float[] mixUpFirst = targetsAfter(index, mixUp::transformBatch, smoothing::transformTargets);
      float[] smoothingFirst =
          targetsAfter(index, smoothing::transformTargets, mixUp::transformBatch);
      assertArrayEquals(mixUpFirst, smoothingFirst, 1e-6f, "MixUp, step " + index);
      float[] cutMixFirst =
          targetsAfter(index, cutMix::transformBatch, smoothing::transformTargets);
      float[] smoothingBeforeCut =
          targetsAfter(index, smoothing::transformTargets, cutMix::transformBatch);
      assertArrayEquals(cutMixFirst, smoothingBeforeCut, 1e-6f, "CutMix, step " + index);
    }
  }

  private static float[] targetsAfter(
      long index, java.util.function.Consumer<Step> first, java.util.function.Consumer<Step> then) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray inputs = manager.randomUniform(0f, 1f, new Shape(8, 1, 6, 6));
      NDArray labels = manager.create(new long[] {0, 3, 3, 9, 1, 5, 7, 2});
      NDArray targets = labels.oneHot(10);
      Step step = new Step(null, manager, index, 0, 0.0, 42, inputs, labels, targets);
      first.accept(step);
      then.accept(step);
      return step.targets().toFloatArray();
    }
  }
}
