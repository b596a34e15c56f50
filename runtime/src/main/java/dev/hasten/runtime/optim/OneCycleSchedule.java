package dev.hasten.runtime.optim;

import dev.hasten.dsl.OneCycleLr;

/**
 * PyTorch's {@code OneCycleLR} (two phases, {@code anneal_strategy='cos'}, {@code div_factor=25},
 * {@code final_div_factor=1e4}) with the optimizer's base rate as {@code max_lr}
 * ({@code @OneCycleLr}):
 *
 * <pre>
 *   initial = base / 25,  final = initial / 1e4
 *   phase 1 ends at step e1 = warmupFraction · totalSteps − 1: initial → base
 *   phase 2 ends at step e2 = totalSteps − 1:                  base → final
 *   within a phase from step a to b:
 *     lr(s) = end + (start − end) · ½ (1 + cos(π · (s − a) / (b − a)))
 * </pre>
 *
 * As in PyTorch both phases are cosine-shaped, the rise included; the first step gets {@code base /
 * 25}, step {@code e1} the base rate and the last step exactly {@code final}. A phase of zero
 * length (PyTorch divides by zero there) counts as finished.
 */
public final class OneCycleSchedule implements LrSchedule {
  static final double DIV_FACTOR = 25;
  static final double FINAL_DIV_FACTOR = 1e4;

  private final double warmupFraction;

  /**
   * @param warmupFraction PyTorch's {@code pct_start}, in [0, 1)
   */
  public OneCycleSchedule(double warmupFraction) {
    Warmup.checkFraction(warmupFraction);
    this.warmupFraction = warmupFraction;
  }

  /**
   * The schedule {@code @OneCycleLr} declares: the generated module creates it with a pipeline's.
   */
  public OneCycleSchedule(OneCycleLr oneCycleLr) {
    this(oneCycleLr.warmupFraction());
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    double initial = baseLr / DIV_FACTOR;
    double last = initial / FINAL_DIV_FACTOR;
    double peakStep = warmupFraction * totalSteps - 1;
    if (step <= peakStep) {
      return cosine(initial, baseLr, step, 0, peakStep);
    }
    return cosine(baseLr, last, step, peakStep, totalSteps - 1);
  }

  /**
   * PyTorch's {@code _annealing_cos} from {@code start} at step {@code a} to {@code end} at {@code
   * b}.
   */
  private static double cosine(double start, double end, long step, double a, double b) {
    double pct = b > a ? (step - a) / (b - a) : 1;
    return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
  }

  @Override
  public String toString() {
    return "one-cycle(warmup=" + warmupFraction + ")";
  }
}
