package dev.hasten.runtime.frontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto line of (training time, quality) points: the points that no other point beats on both
 * counts, in order of time. The quality is a test accuracy (higher is better) or a test loss (lower
 * is better). The paper's way of judging a speedup: against the baseline trained for fewer epochs
 * with its full schedule, each budget a point, not against one long run.
 *
 * <p>Pure arithmetic, no I/O: the sweep makes the points, this class answers "how long does the
 * baseline need for accuracy {@code a}?" (or loss {@code l}) by linear interpolation along the
 * line.
 */
public final class ParetoFrontier {
  /** One trained budget: its training time (seconds) and its final test accuracy or loss. */
  public record Point(double seconds, double value) {}

  private final List<Point> line;
  private final boolean lowerIsBetter;

  private ParetoFrontier(List<Point> line, boolean lowerIsBetter) {
    this.line = line;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** The frontier of accuracies: {@link #of(List, boolean)}, higher being better. */
  public static ParetoFrontier of(List<Point> points) {
    return of(points, false);
  }

  /**
   * The frontier of {@code points}: sorted by time, a point stays only if its value is strictly
   * better than that of every faster point (a slower point that is no better is dominated). Of two
   * points with the same time, the better one is kept.
   *
   * @param lowerIsBetter true for losses, false for accuracies
   */
  public static ParetoFrontier of(List<Point> points, boolean lowerIsBetter) {
    // A loss is judged as its negation, so that one rule serves both: higher is better.
    double sign = lowerIsBetter ? -1 : 1;
    List<Point> sorted = new ArrayList<>(points);
    sorted.removeIf(p -> !Double.isFinite(p.seconds()) || !Double.isFinite(p.value()));
    sorted.sort(
        Comparator.comparingDouble(Point::seconds)
            .thenComparing(Comparator.comparingDouble((Point p) -> sign * p.value()).reversed()));
    List<Point> line = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (Point p : sorted) {
      if (sign * p.value() > best) {
        line.add(p);
        best = sign * p.value();
      }
    }
    return new ParetoFrontier(List.copyOf(line), lowerIsBetter);
  }

  /** The points on the line, fastest first; the value improves strictly along it. */
  public List<Point> line() {
    return line;
  }

  /** Whether {@code p} is one of the line's points. */
  public boolean contains(Point p) {
    return line.contains(p);
  }

  /**
   * The training time the frontier needs for the {@code target} value: linear interpolation between
   * the last point short of the target and the first that reaches it (at or above an accuracy, at
   * or below a loss). If the fastest point already reaches it, that point's time (the frontier
   * knows nothing faster; it is not extrapolated toward zero). NaN if no point reaches it (nor is
   * it extrapolated beyond the slowest point).
   */
  public double timeToReach(double target) {
    for (int i = 0; i < line.size(); i++) {
      Point p = line.get(i);
      if (reaches(p, target)) {
        if (i == 0) {
          return p.seconds();
        }
        Point before = line.get(i - 1);
        // The same ratio whichever way the value improves: both differences change sign.
        double fraction = (target - before.value()) / (p.value() - before.value());
        return before.seconds() + fraction * (p.seconds() - before.seconds());
      }
    }
    return Double.NaN;
  }

  /** Whether {@link #timeToReach} for {@code target} is only the fastest point's time (a bound). */
  public boolean reachedByFastestPoint(double target) {
    return !line.isEmpty() && reaches(line.get(0), target);
  }

  private boolean reaches(Point p, double target) {
    return lowerIsBetter ? p.value() <= target : p.value() >= target;
  }
}
