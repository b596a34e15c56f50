package dev.hasten.runtime.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.frontier.ParetoFrontier.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frontier's arithmetic on hand-made points. */
class ParetoFrontierTest {
  // Five budgets on the frontier, one slower-and-worse budget, one tie in time.
  static final Point A = new Point(40, 0.870);
  static final Point B = new Point(75, 0.900);
  static final Point C = new Point(160, 0.915);
  static final Point D = new Point(330, 0.925);
  static final Point E = new Point(650, 0.926);
  static final Point SLOWER_AND_WORSE_THAN_C = new Point(200, 0.910);
  static final Point SAME_TIME_AS_B_BUT_WORSE = new Point(75, 0.890);

  static final List<Point> POINTS =
      List.of(D, SLOWER_AND_WORSE_THAN_C, A, E, SAME_TIME_AS_B_BUT_WORSE, C, B);

  @Test
  void lineKeepsOnlyUndominatedPointsInOrderOfTime() {
    assertEquals(List.of(A, B, C, D, E), ParetoFrontier.of(POINTS).line());
  }

  @Test
  void aPointNoMoreAccurateThanAFasterOneIsDominated() {
    // Equal accuracy at a later time is not an improvement: strictly better only.
    ParetoFrontier f = ParetoFrontier.of(List.of(new Point(10, 0.8), new Point(20, 0.8)));
    assertEquals(List.of(new Point(10, 0.8)), f.line());
  }

  @Test
  void timeToTargetInterpolatesLinearlyBetweenTheBudgetsAroundIt() {
    // 0.92 lies between C (160 s, 0.915) and D (330 s, 0.925), halfway in accuracy:
    // 160 + (0.92 - 0.915) / (0.925 - 0.915) * (330 - 160) = 160 + 0.5 * 170 = 245 s.
    assertEquals(245.0, ParetoFrontier.of(POINTS).timeToReach(0.92), 1e-9);
  }

  @Test
  void timeToATargetOnABudgetIsThatBudgetsTime() {
    // B reaches 0.900 exactly: the fraction between A and B is (0.9-0.87)/(0.9-0.87) = 1 -> 75 s.
    assertEquals(75.0, ParetoFrontier.of(POINTS).timeToReach(0.900), 1e-9);
  }

  @Test
  void targetBelowTheFastestBudgetIsItsTimeNotAnExtrapolation() {
    ParetoFrontier f = ParetoFrontier.of(POINTS);
    assertEquals(40.0, f.timeToReach(0.80), 1e-9);
    assertTrue(f.reachedByFastestPoint(0.80));
    assertFalse(f.reachedByFastestPoint(0.92));
  }

  @Test
  void targetAboveEveryBudgetIsNotReached() {
    assertTrue(Double.isNaN(ParetoFrontier.of(POINTS).timeToReach(0.93)));
  }

  @Test
  void pointsWithoutAnAccuracyAreLeftOut() {
    ParetoFrontier f = ParetoFrontier.of(List.of(new Point(10, Double.NaN), A));
    assertEquals(List.of(A), f.line());
  }

  // Losses fall as budgets grow: F, G and H are on the frontier, the slower-and-worse one is not.
  static final Point F = new Point(40, 2.40);
  static final Point G = new Point(160, 1.60);
  static final Point H = new Point(640, 1.20);
  static final Point SLOWER_AND_WORSE_THAN_G = new Point(320, 1.65);

  @Test
  void forLossesALowerValueIsBetterAndALaterHigherOneIsDominated() {
    ParetoFrontier f = ParetoFrontier.of(List.of(H, SLOWER_AND_WORSE_THAN_G, F, G), true);
    assertEquals(List.of(F, G, H), f.line());
  }

  @Test
  void timeToALossInterpolatesBetweenTheBudgetsAroundIt() {
    ParetoFrontier f = ParetoFrontier.of(List.of(F, G, H, SLOWER_AND_WORSE_THAN_G), true);
    // 1.5 lies between G (160 s, 1.60) and H (640 s, 1.20), a quarter of the way down:
    // 160 + (1.5 - 1.6) / (1.2 - 1.6) * (640 - 160) = 160 + 0.25 * 480 = 280 s.
    assertEquals(280.0, f.timeToReach(1.5), 1e-9);
    // A loss the fastest budget already has is its time; one below every budget is not reached.
    assertEquals(40.0, f.timeToReach(3.0), 1e-9);
    assertTrue(f.reachedByFastestPoint(3.0));
    assertTrue(Double.isNaN(f.timeToReach(1.0)));
  }
}
