package dev.hasten.runtime.speedup.surgery;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The residual branch {@code F} of a block {@code relu(F(x) + shortcut(x))} under stochastic depth
 * (Huang et al. 2016). In training it is {@code F(x)} when its {@link Switch} says the branch is
 * kept this step, and zeros of {@code F(x)}'s shape otherwise, so the block passes only its
 * shortcut and {@code F} is never computed; or, when the switch drops per example, {@code F(x)}
 * with each example's output zeroed with the drop probability ({@link #dropExamples}). In
 * evaluation it is {@code (1 − d)·F(x)}, the expected training output for drop probability {@code
 * d} (the scaling Composer once forgot, #372). Asked for its {@link EvaluationForm} in a training
 * pass (BatchNorm re-estimation), it is {@code (1 − d)·F(x)} with {@code F} in training mode,
 * whatever the switch says.
 *
 * <p>The per-step draw is not made here: a block cannot see the step. The speedup sets each
 * branch's switch before the step's forward pass, from the step's random source, so a run is
 * reproducible and resumes exactly. A training forward pass outside the loop's steps (a scoring
 * warm-up, say) finds the switch as the last step left it, kept before the first.
 */
public final class StochasticBranch extends AbstractBlock
    implements RebuildableBlock, EvaluationForm {
  private static final byte VERSION = 1;

  private final Block branch;
  private final Switch state;

  /** Output shape by input shape, so that a dropped branch costs no shape inference. */
  private final Map<Shape, Shape> outputShapes = new HashMap<>();

  private boolean evaluationForm;

  /**
   * @param branch the residual branch
   * @param state its drop probability and this step's draw, shared with the speedup
   */
  public StochasticBranch(Block branch, Switch state) {
    super(VERSION);
    this.branch = addChildBlock("branch", branch);
    this.state = state;
  }

  public Block branch() {
    return branch;
  }

  public Switch state() {
    return state;
  }

  @Override
  public Block withChildren(List<Block> children) {
    return new StochasticBranch(children.get(0), state);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    if (!training || evaluationForm) {
      NDArray out = branch.forward(parameterStore, inputs, training, params).singletonOrThrow();
      return new NDList(scaleForEvaluation(out, state.dropRate()));
    }
    if (state.perExample()) {
      NDArray out = branch.forward(parameterStore, inputs, true, params).singletonOrThrow();
      return new NDList(dropExamples(out, state.dropRate()));
    }
    if (state.kept()) {
      return branch.forward(parameterStore, inputs, true, params);
    }
    NDArray x = inputs.singletonOrThrow();
    Shape out =
        outputShapes.computeIfAbsent(x.getShape(), s -> branch.getOutputShapes(new Shape[] {s})[0]);
    return new NDList(x.getManager().zeros(out, x.getDataType(), x.getDevice()));
  }

  /**
   * {@code out} with each example zeroed with probability {@code dropRate}: one uniform per example
   * from the engine's generator (which the loop seeds from the run's seed and the step), kept when
   * it is at least {@code dropRate}, as Composer's {@code floor(1 − d + u)}. Kept examples are not
   * rescaled, as in Composer; evaluation scales instead.
   */
  public static NDArray dropExamples(NDArray out, double dropRate) {
    if (dropRate == 0) {
      return out;
    }
    long[] maskShape = new long[out.getShape().dimension()];
    Arrays.fill(maskShape, 1);
    maskShape[0] = out.getShape().get(0);
    NDArray uniform =
        out.getManager()
            .randomUniform(0f, 1f, new Shape(maskShape), DataType.FLOAT32, out.getDevice());
    NDArray kept = uniform.gte((float) dropRate).toType(out.getDataType(), false);
    return out.mul(kept);
  }

  @Override
  public void useEvaluationForm(boolean use) {
    evaluationForm = use;
  }

  /** {@code (1 − dropRate)·out}: the branch's expected contribution in training. */
  public static NDArray scaleForEvaluation(NDArray out, double dropRate) {
    return out.mul((float) (1.0 - dropRate));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    branch.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return branch.getOutputShapes(inputShapes);
  }

  /**
   * A branch's drop probability, how much of it applies in the current step (less during a
   * warm-up), and whether the branch is kept in the current step.
   */
  public static final class Switch {
    private final double fullDropRate;
    private final boolean perExample;
    private double dropRate;
    private boolean kept = true;

    /**
     * A switch that drops the branch for the whole batch.
     *
     * @param dropRate the probability of dropping the branch in a training step, in [0, 1)
     */
    public Switch(double dropRate) {
      this(dropRate, false);
    }

    /**
     * @param dropRate the probability of dropping the branch in a training step, in [0, 1)
     * @param perExample whether each example drops it on its own rather than the whole batch
     */
    public Switch(double dropRate, boolean perExample) {
      if (!(dropRate >= 0 && dropRate < 1)) {
        throw new IllegalArgumentException("a drop rate must be in [0, 1), got " + dropRate);
      }
      this.fullDropRate = dropRate;
      this.perExample = perExample;
      this.dropRate = dropRate;
    }

    /** The drop probability now: the full one, or a share of it during a warm-up. */
    public double dropRate() {
      return dropRate;
    }

    /** The drop probability once any warm-up is over. */
    public double fullDropRate() {
      return fullDropRate;
    }

    /** Whether each example drops the branch on its own (else the whole batch does). */
    public boolean perExample() {
      return perExample;
    }

    /** Sets the drop probability to {@code share} (in [0, 1]) of the full one. */
    public void warmUp(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("a warm-up share must be in [0, 1], got " + share);
      }
      dropRate = fullDropRate * share;
    }

    public boolean kept() {
      return kept;
    }

    /** Sets this step's draw: kept when {@code uniform ≥ dropRate}, for a uniform in [0, 1). */
    public void draw(double uniform) {
      kept = uniform >= dropRate;
    }
  }
}
