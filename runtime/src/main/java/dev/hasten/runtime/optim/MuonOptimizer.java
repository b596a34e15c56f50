package dev.hasten.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.hasten.dsl.Muon;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Muon (Keller Jordan's, as in modded-nanogpt) for a model's hidden matrices, AdamW for the rest.
 * Each hidden matrix {@code W} of {@code rows × cols}, with gradient {@code G}:
 *
 * <pre>
 *   B ← μ·B + G                       B starts at 0, so B = G on the first update
 *   D = nesterov ? G + μ·B : B
 *   X = NS⁵(D)                        Newton–Schulz, below
 *   W ← (1 − lr·wd)·W − lr·√max(1, rows/cols)·X
 * </pre>
 *
 * <p>{@code NS}: {@code X = D / (‖D‖_F + 1e-7)}, transposed when {@code rows > cols} so that {@code
 * X·Xᵀ} is the smaller square, then {@code nsSteps} times {@code X ← a·X + (b·A + c·A²)·X} with
 * {@code A = X·Xᵀ} and {@code (a, b, c) = (3.4445, −4.7750, 2.0315)}, transposed back. Each
 * singular value {@code σ} of {@code X} follows the scalar quintic {@code aσ + bσ³ + cσ⁵} while the
 * singular vectors stay, so {@code X} tends to {@code U·Vᵀ} of {@code D = U·S·Vᵀ}, its singular
 * values ending roughly between 0.5 and 1.5 rather than at 1 (the coefficients trade exactness for
 * speed, which Keller Jordan found not to hurt training).
 *
 * <p>Which parameters are hidden matrices is decided once from the model ({@link #prepare}, which a
 * run calls, and before which it refuses to update): see {@link HiddenMatrices}. The others go
 * through an {@link AdamWOptimizer} with the {@code adam…} values and epsilon 1e-10. The schedule's
 * factor applies to both: at scheduled rate {@code lr}, AdamW runs at {@code adamLr · lr /
 * baseLearningRate()}.
 *
 * <p>Where it differs from Keller Jordan's {@code muon.py}: his momentum is an average, {@code B ←
 * μ·B + (1 − μ)·G} and {@code D = (1 − μ)·G + μ·B}; that is {@code (1 − μ)} times the {@code B} and
 * {@code D} above, and the Frobenius normalisation removes the factor, so the updates agree (up to
 * the 1e-7). He runs the iterations in bfloat16, here they run in the parameter's type (float32),
 * on its device, with no read back to the host. He also treats hidden convolution filters as
 * matrices ({@code [out, in·k·k]}); here they go to AdamW, as the catalog's models with hidden
 * matrices are transformers. Keller's sends a parameter without a gradient a zero one (for
 * synchronisation across processes); here it is skipped, as the other optimizers skip it.
 *
 * <p>State: the buffers {@code B} ({@code momentum/<path>} in a checkpoint) and AdamW's moments and
 * counts ({@code m/}, {@code v/}, {@code step/}). Build with {@link #builder()}, or from
 * {@code @Muon}.
 */
public final class MuonOptimizer implements ParameterUpdater, AutoCloseable {
  /** Keller Jordan's quintic coefficients, chosen to steepen the slope at zero. */
  static final double A = 3.4445;

  static final double B = -4.7750;
  static final double C = 2.0315;

  /** Added to the Frobenius norm before dividing by it, as in {@code muon.py}. */
  static final double NORM_EPSILON = 1e-7;

  private static final String MOMENTUM = "momentum";

  private final double learningRate;
  private final double momentum;
  private final boolean nesterov;
  private final int nsSteps;
  private final double weightDecay;
  private final AdamWOptimizer adamW;
  private final ParameterStates buffers = new ParameterStates(MOMENTUM);

  /** The ids of the hidden matrices; null until {@link #prepare}. */
  private Set<String> hidden;

  private MuonOptimizer(Builder builder) {
    this.learningRate = builder.learningRate;
    this.momentum = builder.momentum;
    this.nesterov = builder.nesterov;
    this.nsSteps = builder.nsSteps;
    this.weightDecay = builder.weightDecay;
    this.adamW = builder.adamW.build();
  }

  /**
   * The optimizer {@code @Muon} declares, with its values: the generated module creates it with a
   * pipeline's annotation.
   */
  public MuonOptimizer(Muon muon) {
    this(
        builder()
            .setLearningRate(muon.lr())
            .optMomentum(muon.momentum())
            .optNesterov(muon.nesterov())
            .optNsSteps(muon.nsSteps())
            .optWeightDecay(muon.weightDecay())
            .optAdamW(muon.adamLr(), muon.adamBeta1(), muon.adamBeta2(), muon.adamWeightDecay())
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

  public int nsSteps() {
    return nsSteps;
  }

  public double weightDecay() {
    return weightDecay;
  }

  /** The AdamW that updates the parameters that are not hidden matrices. */
  public AdamWOptimizer adamW() {
    return adamW;
  }

  /** Finds {@code model}'s hidden matrices ({@link HiddenMatrices}); the model is initialised. */
  @Override
  public void prepare(Block model) {
    hidden = Set.copyOf(HiddenMatrices.of(model));
  }

  /** Whether {@code parameter} takes Muon's update (otherwise AdamW's). */
  public boolean isHiddenMatrix(Parameter parameter) {
    if (hidden == null) {
      // Without the model every parameter would silently take AdamW's update.
      throw new IllegalStateException("Muon has not seen its model: call prepare(model) first");
    }
    return hidden.contains(parameter.getId());
  }

  @Override
  public void update(List<Parameter> parameters, double lr) {
    List<Parameter> matrices = new ArrayList<>();
    List<Parameter> others = new ArrayList<>();
    for (Parameter parameter : parameters) {
      (isHiddenMatrix(parameter) ? matrices : others).add(parameter);
    }
    adamW.update(others, adamW.baseLearningRate() * lr / learningRate);
    NDManager stateManager = buffers.manager(matrices);
    if (stateManager == null) {
      return;
    }
    try (UpdateScope scope = new UpdateScope(stateManager)) {
      for (Parameter parameter : matrices) {
        NDArray g = scope.gradient(parameter);
        if (g == null) {
          continue;
        }
        NDArray w = parameter.getArray();
        NDArray[] state = buffers.get(parameter);
        NDArray b;
        if (state == null) {
          b = buffers.put(parameter, g.duplicate())[0];
        } else {
          b = state[0].muli(scope.scalar(momentum, w)).addi(g);
        }
        NDArray direction = nesterov ? scope.scalar(momentum, w).mul(b).addi(g) : b;
        NDArray orthogonal = orthogonalise(direction, nsSteps, scope);
        if (weightDecay != 0) {
          w.muli(scope.scalar(1 - lr * weightDecay, w));
        }
        w.subi(scope.scalar(lr * shapeScale(w), w).mul(orthogonal));
        orthogonal.close();
        UpdateScope.zeroGradient(w, g);
      }
    }
  }

  /** {@code √max(1, rows/cols)}: keeps the update's root-mean-square size alike across shapes. */
  static double shapeScale(NDArray matrix) {
    double rows = matrix.getShape().get(0);
    double cols = matrix.getShape().get(1);
    return Math.sqrt(Math.max(1, rows / cols));
  }

  /**
   * {@code steps} Newton–Schulz iterations on {@code matrix} (see the class comment): a new array
   * of its shape, owned by {@code scope}. Intermediates are freed as it goes, so a large matrix
   * holds a few copies at a time rather than one per operation.
   */
  static NDArray orthogonalise(NDArray matrix, int steps, UpdateScope scope) {
    boolean tall = matrix.getShape().get(0) > matrix.getShape().get(1);
    NDArray x;
    try (NDArray squares = matrix.square();
        NDArray sum = squares.sum();
        NDArray norm = sum.sqrt()) {
      norm.addi(scope.scalar(NORM_EPSILON, matrix));
      x = matrix.div(norm);
    }
    if (tall) {
      x = swap(x, x.transpose());
    }
    for (int i = 0; i < steps; i++) {
      try (NDArray xt = x.transpose();
          NDArray a = x.matMul(xt);
          NDArray aa = a.matMul(a);
          NDArray cubic = scope.scalar(B, matrix).mul(a).addi(scope.scalar(C, matrix).mul(aa));
          NDArray step = cubic.matMul(x)) {
        x = swap(x, scope.scalar(A, matrix).mul(x).addi(step));
      }
    }
    return tall ? swap(x, x.transpose()) : x;
  }

  /**
   * Closes {@code old} and returns {@code next}, computed from it. Closing a transpose's source is
   * safe: libtorch keeps the storage a view shares until its last handle goes.
   */
  private static NDArray swap(NDArray old, NDArray next) {
    old.close();
    return next;
  }

  /**
   * Copies of the state into {@code into}: {@code momentum/<path>} for the hidden matrices, AdamW's
   * {@code m/}, {@code v/} and {@code step/} for the rest (see {@link AdamWOptimizer#saveState}).
   */
  @Override
  public Map<String, NDArray> saveState(ParameterList parameters, NDManager into) {
    Map<String, NDArray> saved = new LinkedHashMap<>(buffers.save(parameters, into));
    saved.putAll(adamW.saveState(parameters, into));
    return saved;
  }

  /** Restores state saved by {@link #saveState}; parameters not named there start afresh. */
  @Override
  public void loadState(ParameterList parameters, Map<String, NDArray> state) {
    buffers.load(parameters, muonPart(state, true));
    adamW.loadState(parameters, muonPart(state, false));
  }

  /**
   * Checks as the other optimizers do, and also that the buffers belong to hidden matrices and
   * AdamW's state to the other parameters: a checkpoint of a model whose hidden matrices were found
   * otherwise does not fit.
   */
  @Override
  public Set<String> checkState(ParameterList parameters, Map<String, NDArray> state) {
    Set<String> matrices = buffers.check(parameters, muonPart(state, true));
    Set<String> others = adamW.checkState(parameters, muonPart(state, false));
    for (String name : matrices) {
      if (!isHiddenMatrix(parameters.get(name))) {
        throw new IllegalArgumentException(
            "optimizer state "
                + MOMENTUM
                + "/"
                + name
                + " is Muon's, but "
                + name
                + " is not a hidden matrix");
      }
    }
    for (String name : others) {
      if (isHiddenMatrix(parameters.get(name))) {
        throw new IllegalArgumentException(
            "optimizer state of " + name + " is AdamW's, but " + name + " is a hidden matrix");
      }
    }
    Set<String> withState = new java.util.TreeSet<>(matrices);
    withState.addAll(others);
    return withState;
  }

  /** The entries of {@code state} that are Muon's buffers ({@code muon} true) or AdamW's. */
  private static Map<String, NDArray> muonPart(Map<String, NDArray> state, boolean muon) {
    Map<String, NDArray> part = new LinkedHashMap<>();
    state.forEach(
        (key, value) -> {
          if (key.startsWith(MOMENTUM + "/") == muon) {
            part.put(key, value);
          }
        });
    return part;
  }

  /** Frees the buffers and AdamW's moments. */
  @Override
  public void close() {
    buffers.close();
    adamW.close();
  }

  @Override
  public String toString() {
    return String.format(
        "Muon(lr=%s, momentum=%s, nesterov=%s, nsSteps=%d, weightDecay=%s; others: %s)",
        learningRate, momentum, nesterov, nsSteps, weightDecay, adamW);
  }

  /**
   * Builder in DJL's style: {@code set…} for the required learning rate, {@code opt…} for the rest.
   */
  public static final class Builder {
    private double learningRate = Double.NaN;
    private double momentum = 0.95;
    private boolean nesterov = true;
    private int nsSteps = 5;
    private double weightDecay;
    private final AdamWOptimizer.Builder adamW =
        AdamWOptimizer.builder()
            .setLearningRate(3e-4)
            .optBeta1(0.9)
            .optBeta2(0.95)
            .optWeightDecay(0)
            .optEpsilon(1e-10);

    private Builder() {}

    /** The hidden matrices' rate, in units of spectral norm per update. */
    public Builder setLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Default 0.95. */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Default true. */
    public Builder optNesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** Newton–Schulz iterations per update; default 5. */
    public Builder optNsSteps(int nsSteps) {
      this.nsSteps = nsSteps;
      return this;
    }

    /** Decoupled weight decay of the hidden matrices; default 0. */
    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /**
     * AdamW for the other parameters; default lr 3e-4, betas (0.9, 0.95), no weight decay (epsilon
     * 1e-10 always, as Keller Jordan's).
     */
    public Builder optAdamW(double lr, double beta1, double beta2, double weightDecay) {
      adamW.setLearningRate(lr).optBeta1(beta1).optBeta2(beta2).optWeightDecay(weightDecay);
      return this;
    }

    public MuonOptimizer build() {
      return new MuonOptimizer(checked());
    }

    private Builder checked() {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException(
            "Muon needs a learning rate above 0, got " + learningRate);
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("Muon momentum must be in [0, 1), got " + momentum);
      }
      if (nsSteps < 1) {
        throw new IllegalArgumentException(
            "Muon needs at least 1 Newton-Schulz step, got " + nsSteps);
      }
      if (!(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "Muon weight decay must be at least 0, got " + weightDecay);
      }
      adamW.build().close(); // AdamW's own checks, with its messages
      return this;
    }
  }
}
