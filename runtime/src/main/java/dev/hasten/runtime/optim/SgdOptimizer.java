package dev.hasten.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.hasten.dsl.Sgd;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's rule ({@code torch.optim.SGD}, dampening 0), not DJL's
 * MXNet-style one ({@code v = m·v + lr·g}, which differs whenever the learning rate changes):
 *
 * <pre>
 *   g ← g + wd·w
 *   b ← g                 on a parameter's first update
 *   b ← m·b + g           after
 *   d ← nesterov ? g + m·b : b      (d = g without momentum)
 *   w ← w − lr·d
 * </pre>
 *
 * <p>Updates in place; the momentum buffer {@code b} of each parameter lives on its device until
 * {@link #close()}. Build with {@link #builder()}, or from {@code @Sgd}.
 */
public final class SgdOptimizer implements ParameterUpdater, AutoCloseable {
  private final double learningRate;
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private final ParameterStates buffers = new ParameterStates("momentum");

  private SgdOptimizer(Builder builder) {
    this.learningRate = builder.learningRate;
    this.momentum = builder.momentum;
    this.nesterov = builder.nesterov;
    this.weightDecay = builder.weightDecay;
  }

  /**
   * The optimizer {@code @Sgd} declares, with its values: the generated module creates it with a
   * pipeline's annotation.
   */
  public SgdOptimizer(Sgd sgd) {
    this(
        builder()
            .setLearningRate(sgd.lr())
            .optMomentum(sgd.momentum())
            .optNesterov(sgd.nesterov())
            .optWeightDecay(sgd.weightDecay())
            .checked());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double baseLearningRate() {
    return learningRate;
  }

  public double momentum() {
    return momentum;
  }

  public boolean nesterov() {
    return nesterov;
  }

  public double weightDecay() {
    return weightDecay;
  }

  @Override
  public void update(List<Parameter> parameters, double lr) {
    NDManager stateManager = buffers.manager(parameters);
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
        if (weightDecay != 0) {
          g.addi(scope.scalar(weightDecay, w).mul(w));
        }
        NDArray direction = g;
        if (momentum != 0) {
          NDArray[] state = buffers.get(parameter);
          NDArray b;
          if (state == null) {
            b = buffers.put(parameter, g.duplicate())[0];
          } else {
            b = state[0].muli(scope.scalar(momentum, w)).addi(g);
          }
          direction = nesterov ? g.addi(scope.scalar(momentum, w).mul(b)) : b;
        }
        w.subi(scope.scalar(lr, w).mul(direction));
        UpdateScope.zeroGradient(w, g);
      }
    }
  }

  /**
   * Copies of the momentum buffers into {@code into}, named {@code momentum/<parameter path>} after
   * {@code parameters} (a model's {@code getParameters()}).
   */
  @Override
  public Map<String, NDArray> saveState(ParameterList parameters, NDManager into) {
    return buffers.save(parameters, into);
  }

  /** Restores buffers saved by {@link #saveState}; parameters not named there start afresh. */
  @Override
  public void loadState(ParameterList parameters, Map<String, NDArray> state) {
    buffers.load(parameters, state);
  }

  @Override
  public java.util.Set<String> checkState(ParameterList parameters, Map<String, NDArray> state) {
    if (momentum == 0 && !state.isEmpty()) {
      throw new IllegalArgumentException(
          "optimizer state "
              + state.keySet().iterator().next()
              + " is kept, but SGD without momentum keeps none");
    }
    return buffers.check(parameters, state);
  }

  /** Frees the momentum buffers. */
  @Override
  public void close() {
    buffers.close();
  }

  @Override
  public String toString() {
    return String.format(
        "SGD(lr=%s, momentum=%s, nesterov=%s, weightDecay=%s)",
        learningRate, momentum, nesterov, weightDecay);
  }

  /**
   * Builder in DJL's style: {@code set…} for the required learning rate, {@code opt…} for the rest.
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private double momentum;
    private boolean nesterov;
    private double weightDecay;

    private Builder() {}

    public Builder setLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Default 0 (plain SGD), as in PyTorch. */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Default false; needs a momentum above 0. */
    public Builder optNesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** L2 penalty added to the gradient (coupled, as in PyTorch's SGD); default 0. */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public SgdOptimizer build() {
      return new SgdOptimizer(checked());
    }

    private Builder checked() {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException(
            "SGD needs a learning rate above 0, got " + learningRate);
      }
      if (momentum < 0 || momentum >= 1) {
        throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
      }
      if (weightDecay < 0) {
        throw new IllegalArgumentException(
            "SGD weight decay must be at least 0, got " + weightDecay);
      }
      if (nesterov && momentum == 0) {
        throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0");
      }
      return this;
    }
  }
}
