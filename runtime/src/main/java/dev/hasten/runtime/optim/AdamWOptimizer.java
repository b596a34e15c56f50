package dev.hasten.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.hasten.dsl.AdamW;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, PyTorch's rule ({@code torch.optim.AdamW}):
 *
 * <pre>
 *   w ← w − lr·wd·w
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)     t: this parameter's update count, from 1
 *   w ← w − lr·m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>Computed as PyTorch does, {@code denom = √v / √(1 − β2^t) + ε} and a step of {@code lr / (1 −
 * β1^t)}. Updates in place; {@code m}, {@code v} and {@code t} are kept per parameter until {@link
 * #close()}. Build with {@link #builder()}.
 */
public final class AdamWOptimizer implements ParameterUpdater, AutoCloseable {
  private static final String STEP = "step/";

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private final double epsilon;
  private final ParameterStates moments = new ParameterStates("m", "v");
  // Host-side counts: the bias corrections are scalars computed in Java, with no device read.
  private final Map<String, Long> steps = new HashMap<>();

  private AdamWOptimizer(Builder builder) {
    this.learningRate = builder.learningRate;
    this.beta1 = builder.beta1;
    this.beta2 = builder.beta2;
    this.weightDecay = builder.weightDecay;
    this.epsilon = builder.epsilon;
  }

  /**
   * The optimizer {@code @AdamW} declares, with its values: the generated module creates it with a
   * pipeline's annotation.
   */
  public AdamWOptimizer(AdamW adamW) {
    this(
        builder()
            .setLearningRate(adamW.lr())
            .optBeta1(adamW.beta1())
            .optBeta2(adamW.beta2())
            .optWeightDecay(adamW.weightDecay())
            .checked());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double baseLearningRate() {
    return learningRate;
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double weightDecay() {
    return weightDecay;
  }

  @Override
  public void update(List<Parameter> parameters, double lr) {
    NDManager stateManager = moments.manager(parameters);
    if (stateManager == null) {
      return;
    }
    try (UpdateScope scope = new UpdateScope(stateManager)) {
      for (Parameter parameter : parameters) {
        NDArray g = scope.gradient(parameter);
        if (g == null) {
          continue;
        }
        NDArray w = parameter.getArray();
        NDArray[] state = moments.get(parameter);
        if (state == null) {
          state = moments.put(parameter, w.zerosLike(), w.zerosLike());
        }
        NDArray m = state[0];
        NDArray v = state[1];
        long t = steps.merge(parameter.getId(), 1L, Long::sum);

        if (weightDecay != 0) {
          w.muli(scope.scalar(1 - lr * weightDecay, w));
        }
        m.muli(scope.scalar(beta1, w)).addi(scope.scalar(1 - beta1, w).mul(g));
        v.muli(scope.scalar(beta2, w)).addi(scope.scalar(1 - beta2, w).mul(g).muli(g));

        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        NDArray denom = scope.own(v.sqrt());
        denom.muli(scope.scalar(1 / Math.sqrt(biasCorrection2), w)).addi(scope.scalar(epsilon, w));
        w.subi(scope.scalar(lr / biasCorrection1, w).mul(m).divi(denom));
        UpdateScope.zeroGradient(w, g);
      }
    }
  }

  /**
   * Copies of the state into {@code into}, named after {@code parameters} (a model's {@code
   * getParameters()}): {@code m/<path>}, {@code v/<path>}, and the update count {@code step/<path>}
   * as an int64 scalar.
   */
  @Override
  public Map<String, NDArray> saveState(ParameterList parameters, NDManager into) {
    Map<String, NDArray> saved = moments.save(parameters, into);
    for (Pair<String, Parameter> named : parameters) {
      Long t = steps.get(named.getValue().getId());
      if (t != null) {
        saved.put(STEP + named.getKey(), into.create(t.longValue()));
      }
    }
    return saved;
  }

  /** Restores state saved by {@link #saveState}; parameters not named there start afresh. */
  @Override
  public void loadState(ParameterList parameters, Map<String, NDArray> state) {
    moments.load(parameters, state);
    for (Pair<String, Parameter> named : parameters) {
      NDArray t = state.get(STEP + named.getKey());
      if (t != null) {
        steps.put(named.getValue().getId(), t.getLong());
      }
    }
  }

  @Override
  public java.util.Set<String> checkState(ParameterList parameters, Map<String, NDArray> state) {
    java.util.Set<String> withState = moments.check(parameters, state, STEP);
    for (String name : withState) {
      NDArray t = state.get(STEP + name);
      if (t == null) {
        throw new IllegalArgumentException("optimizer state has no " + STEP + name);
      }
    }
    for (Map.Entry<String, NDArray> e : state.entrySet()) {
      if (!e.getKey().startsWith(STEP)) {
        continue;
      }
      NDArray t = e.getValue();
      if (!withState.contains(e.getKey().substring(STEP.length()))) {
        throw new IllegalArgumentException("optimizer state " + e.getKey() + " has no moments");
      }
      if (t.getDataType() != ai.djl.ndarray.types.DataType.INT64
          || t.getShape().dimension() != 0
          || t.getLong() < 1) {
        throw new IllegalArgumentException(
            "optimizer state " + e.getKey() + " is not an update count of at least 1");
      }
    }
    return withState;
  }

  /** Frees the moments. */
  @Override
  public void close() {
    moments.close();
    steps.clear();
  }

  @Override
  public String toString() {
    return String.format(
        "AdamW(lr=%s, beta1=%s, beta2=%s, weightDecay=%s)",
        learningRate, beta1, beta2, weightDecay);
  }

  /**
   * Builder in DJL's style: {@code set…} for the required learning rate, {@code opt…} for the rest.
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double weightDecay = 0.01;
    private double epsilon = 1e-8;

    private Builder() {}

    public Builder setLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Decay of the first moment; default 0.9. */
    public Builder optBeta1(double beta1) {
      this.beta1 = beta1;
      return this;
    }

    /** Decay of the second moment; default 0.999. */
    public Builder optBeta2(double beta2) {
      this.beta2 = beta2;
      return this;
    }

    /** Decoupled weight decay, applied as {@code w ← w − lr·wd·w}; default 0.01, as PyTorch. */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Added to the denominator for stability; default 1e-8. */
    public Builder optEpsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public AdamWOptimizer build() {
      return new AdamWOptimizer(checked());
    }

    private Builder checked() {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException(
            "AdamW needs a learning rate above 0, got " + learningRate);
      }
      if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
        throw new IllegalArgumentException(
            "AdamW betas must be in [0, 1), got " + beta1 + " and " + beta2);
      }
      if (weightDecay < 0 || !(epsilon > 0)) {
        throw new IllegalArgumentException(
            "AdamW needs weight decay >= 0 and epsilon > 0, got "
                + weightDecay
                + " and "
                + epsilon);
      }
      return this;
    }
  }
}
