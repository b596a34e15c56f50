package dev.hasten.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.Defaults;
import dev.hasten.dsl.LinearLr;
import dev.hasten.dsl.OneCycleLr;
import dev.hasten.dsl.Sgd;
import org.junit.jupiter.api.Test;

/**
 * The built-in optimizers and schedules as the generated module creates them: from the pipeline's
 * annotation, values and all, or from {@link Defaults}'.
 */
class FromAnnotationsTest {
  @Sgd(lr = 0.2, momentum = 0.5, nesterov = true, weightDecay = 1e-3)
  @AdamW(lr = 0.01, beta1 = 0.8, beta2 = 0.99, weightDecay = 0.05)
  @CosineLr(warmupFraction = 0.1)
  @OneCycleLr(warmupFraction = 0.3)
  @LinearLr(warmupFraction = 0.2)
  static final class Written {}

  @Sgd(lr = 0.1, momentum = 1.5)
  static final class OutOfRange {}

  @Test
  void sgdTakesEveryValueOfItsAnnotation() {
    SgdOptimizer sgd = new SgdOptimizer(Written.class.getAnnotation(Sgd.class));

    assertEquals(0.2, sgd.baseLearningRate());
    assertEquals(0.5, sgd.momentum());
    assertTrue(sgd.nesterov());
    assertEquals(1e-3, sgd.weightDecay());
  }

  @Test
  void adamWTakesEveryValueOfItsAnnotation() {
    AdamWOptimizer adamW = new AdamWOptimizer(Written.class.getAnnotation(AdamW.class));

    assertEquals(0.01, adamW.baseLearningRate());
    assertEquals(0.8, adamW.beta1());
    assertEquals(0.99, adamW.beta2());
    assertEquals(0.05, adamW.weightDecay());
  }

  @Test
  void anAnnotationOutOfRangeIsRefusedAsTheBuilderRefusesIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SgdOptimizer(OutOfRange.class.getAnnotation(Sgd.class)));
    assertEquals("SGD momentum must be in [0, 1), got 1.5", e.getMessage());
  }

  @Test
  void theDefaultsAreSgdAndCosineWithTheirAnnotationsDefaults() {
    SgdOptimizer sgd = new SgdOptimizer(Defaults.class.getAnnotation(Sgd.class));
    assertEquals(0.05, sgd.baseLearningRate());
    assertEquals(0.9, sgd.momentum());
    assertEquals(5e-4, sgd.weightDecay());
    // No warm-up: step 0 of 100 gets the whole base rate, step 50 half of it (cosine midpoint).
    CosineSchedule cosine = new CosineSchedule(Defaults.class.getAnnotation(CosineLr.class));
    assertEquals(1.0, cosine.learningRate(1.0, 0, 100), 1e-12);
    assertEquals(0.5, cosine.learningRate(1.0, 50, 100), 1e-12);
  }

  @Test
  void schedulesTakeTheirWarmUpFromTheirAnnotation() {
    // Cosine over 0.1 of 100 steps: step 5 is halfway up the linear warm-up of 10 steps.
    assertEquals(
        0.5,
        new CosineSchedule(Written.class.getAnnotation(CosineLr.class)).learningRate(1.0, 5, 100),
        1e-12);
    // Linear over 0.2: step 10 is halfway up the warm-up of 20 steps.
    assertEquals(
        0.5,
        new LinearSchedule(Written.class.getAnnotation(LinearLr.class)).learningRate(1.0, 10, 100),
        1e-12);
    // One cycle over 0.3: the rise ends on step 0.3 · 100 − 1 = 29 at the base rate.
    assertEquals(
        1.0,
        new OneCycleSchedule(Written.class.getAnnotation(OneCycleLr.class))
            .learningRate(1.0, 29, 100),
        1e-12);
  }
}
