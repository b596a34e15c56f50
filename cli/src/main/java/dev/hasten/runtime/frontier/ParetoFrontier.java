package dev.hasten.runtime.frontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto line of (training time, accuracy) points: the points that no other point beats on both
 * counts, in order of time. The paper's way of judging a speedup: against the baseline trained for
 * fewer epochs with its full schedule, each budget a point, not against one long run.
 *
 * <p>Pure arithmetic, no I/O: the sweep makes the points, this class answers "how long does the
 * baseline need for accuracy {@code a}?" by linear interpolation along the line.
 */
public final class ParetoFrontier {
  /** One trained budget: its training time (seconds) and its final test accuracy. */
  public record Point(double seconds, double accuracy) {}

  private final List<Point> line;

  private ParetoFrontier(List<Point> line) {
    this.line = line;
  }

  /**
   * The frontier of {@code points}: sorted by time, a point stays only if its accuracy is strictly
   * above that of every faster point (a slower point that is no more accurate is dominated). Of two
   * points with the same time, the more accurate one is kept.
   */
  public static ParetoFrontier of(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.removeIf(p -> !Double.isFinite(p.seconds()) || !Double.isFinite(p.accuracy()));
    sorted.sort(
        Comparator.comparingDouble(Point::seconds)
            .thenComparing(Comparator.comparingDouble(Point::accuracy).reversed()));
    List<Point> line = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (Point p : sorted) {
      if (p.accuracy() > best) {
        line.add(p);
        best = p.accuracy();
      }
    }
    return new ParetoFrontier(List.copyOf(line));
  }

  /** The points on the line, fastest first; accuracy rises strictly along it. */
  public List<Point> line() {
    return line;
  }

  /** Whether {@code p} is one of the line's points. */
  public boolean contains(Point p) {
    return line.contains(p);
  }

  /**
   * The training time the frontier needs for {@code target} accuracy: linear interpolation between
   * the last point below the target and the first at or above it. If the fastest point already
   * reaches it, that point's time (the frontier knows nothing faster; it is not extrapolated toward
   * zero). NaN if no point reaches it (nor is it extrapolated beyond the slowest point).
   */
  public double timeToReach(double target) {
    for (int i = 0; i < line.size(); i++) {
      Point p = line.get(i);
      if (p.accuracy() >= target) {
        if (i == 0) {
          return p.seconds();
        }
        Point below = line.get(i - 1);
        double fraction = (target - below.accuracy()) / (p.accuracy() - below.accuracy());
        return below.seconds() + fraction * (p.seconds() - below.seconds());
      }
    }
    return Double.NaN;
  }

  /** Whether {@link #timeToReach} for {@code target} is only the fastest point's time (a bound). */
  public boolean reachedByFastestPoint(double target) {
    return !line.isEmpty() && line.get(0).accuracy() >= target;
  }
}
