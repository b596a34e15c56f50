package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossScalerTest {
  @Test
  void growsAfterEachIntervalOfCleanStepsAndBacksOffOnOverflow() {
    // Start 8, growth ×2 every 3 clean steps, backoff ×0.5:
    //   ok, ok, ok        → 16 (grew, count reset)
    //   overflow          → 8  (skipped)
    //   ok, ok, overflow  → 4  (the count restarts at the overflow)
    //   ok, ok, ok        → 8
    LossScaler scaler = new LossScaler(8, 2, 0.5, 3);
    boolean[] overflows = {false, false, false, true, false, false, true, false, false, false};
    double[] scales = {8, 8, 16, 8, 8, 8, 4, 4, 4, 8};
    for (int i = 0; i < overflows.length; i++) {
      boolean applied = scaler.update(overflows[i]);
      assertEquals(!overflows[i], applied, "step " + i);
      assertEquals(scales[i], scaler.scale(), "scale after step " + i);
    }
  }

  @Test
  void restoredStateContinuesTheCount() {
    LossScaler scaler = new LossScaler(8, 2, 0.5, 3);
    scaler.restore(32, 2);
    assertTrue(scaler.update(false));
    assertEquals(64, scaler.scale());
    assertFalse(scaler.update(true));
    assertEquals(32, scaler.scale());
  }
}
