package dev.hasten.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** All schedules at base rate 0.1 over 100 steps (0 to 99). */
class SchedulesTest {
  private static final double BASE = 0.1;
  private static final long TOTAL = 100;
  private static final double EXACT = 1e-12;

  private static double at(LrSchedule schedule, long step) {
    return schedule.learningRate(BASE, step, TOTAL);
  }

  @Test
  void constantIsTheBaseRateAtEveryStep() {
    LrSchedule constant = new ConstantSchedule();
    for (long step : new long[] {0, 10, 50, 99}) {
      assertEquals(BASE, at(constant, step), EXACT);
    }
  }

  @Test
  void cosineWarmsUpLinearlyThenFollowsHalfACosineToZero() {
    // warm-up 0.1: W = 10 steps; decay progress p = (s − 10) / 90
    LrSchedule cosine = new CosineSchedule(0.1);
    assertEquals(0, at(cosine, 0), EXACT); // 0.1 · 0/10
    assertEquals(0.05, at(cosine, 5), EXACT); // 0.1 · 5/10
    assertEquals(0.1, at(cosine, 10), EXACT); // warm-up end: p = 0, ½(1 + cos 0) = 1
    assertEquals(0.05, at(cosine, 55), EXACT); // middle: p = 45/90 = ½, ½(1 + cos π/2) = ½
    // last step: p = 89/90, 0.1·½(1 + cos(89π/90)) = 0.05·(1 − cos(π/90)) = 0.05·0.000609173 =
    // 3.04586e-5
    assertEquals(3.0458649e-5, at(cosine, 99), 1e-12);
  }

  @Test
  void cosineWithoutWarmupStartsAtTheBaseRate() {
    assertEquals(BASE, at(new CosineSchedule(0), 0), EXACT);
    assertEquals(0.05, at(new CosineSchedule(0), 50), EXACT); // p = 50/100 = ½
  }

  @Test
  void linearWarmsUpThenDecaysInAStraightLineToZero() {
    // warm-up 0.1: W = 10; after it lr = 0.1·(1 − (s − 10)/90)
    LrSchedule linear = new LinearSchedule(0.1);
    assertEquals(0, at(linear, 0), EXACT);
    assertEquals(0.1, at(linear, 10), EXACT);
    assertEquals(0.05, at(linear, 55), EXACT); // 0.1·(1 − 45/90)
    assertEquals(0.1 / 90, at(linear, 99), EXACT); // 0.1·(1 − 89/90) = 0.00111…
  }

  @Test
  void oneCycleRisesFromAFortiethToTheBaseThenFallsToItsTenThousandth() {
    // PyTorch OneCycleLR, pct_start 0.2, 100 steps: initial = 0.1/25 = 0.004,
    // final = 0.004/1e4 = 4e-7; phase 1 ends at step 0.2·100 − 1 = 19, phase 2 at 99.
    LrSchedule oneCycle = new OneCycleSchedule(0.2);
    assertEquals(0.004, at(oneCycle, 0), EXACT); // pct 0: start of the rise
    assertEquals(0.1, at(oneCycle, 19), EXACT); // pct 1 of phase 1: the peak
    // middle of phase 2, step 59: pct = (59 − 19)/(99 − 19) = ½ → 4e-7 + (0.1 − 4e-7)·½ = 0.0500002
    assertEquals(0.0500002, at(oneCycle, 59), EXACT);
    assertEquals(4e-7, at(oneCycle, 99), EXACT); // pct 1 of phase 2
    // the rise is cosine-shaped too: step 9 is pct 9/19 of phase 1,
    // 0.1 + (0.004 − 0.1)·½(1 + cos(9π/19)) = 0.1 − 0.048·(1 + 0.0825793) = 0.0480362
    assertEquals(0.1 - 0.048 * (1 + Math.cos(9 * Math.PI / 19)), at(oneCycle, 9), EXACT);
  }

  @Test
  void warmupFractionOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1.0));
    assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new OneCycleSchedule(Double.NaN));
  }
}
