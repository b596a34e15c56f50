package dev.hasten.runtime.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * Multi-head causal self-attention, as in GPT-2: one Linear makes queries, keys and values for all
 * heads, each head attends with {@code softmax(q·kᵀ/√d + M)·v} where the mask {@code M} is −∞ above
 * the diagonal (a position sees itself and the positions before it, never a later one), and a
 * second Linear projects the joined heads back to the width. Maps {@code [batch, T, width]} to the
 * same shape. Trait: ATTENTION.
 *
 * <p>With {@link #useLinearBiases()} (ALiBi, Press et al. 2022) the mask becomes {@link
 * #linearBiases}: head {@code h} adds {@code −m_h·(i − j)} to the score of query {@code i} for key
 * {@code j ≤ i}, so that attention fades with distance and the model needs no position embedding.
 * Without it, the forward pass is exactly GPT-2's.
 */
public final class CausalSelfAttention extends AbstractBlock implements TraitedBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear queryKeyValue;
  private final Linear projection;
  private boolean linearBiases;

  /** The manager the weights were initialised in, where the mask is kept; null before. */
  private NDManager weightsManager;

  /** The mask of the longest sequence so far ({@link #keptMask}); null before the first pass. */
  private NDArray keptMask;

  /** Whether {@link #keptMask} holds ALiBi's biases rather than the plain causal mask. */
  private boolean keptMaskIsBiases;

  CausalSelfAttention(int width, int heads) {
    super(VERSION);
    if (width % heads != 0) {
      throw new IllegalArgumentException(width + " does not split into " + heads + " heads");
    }
    this.width = width;
    this.heads = heads;
    queryKeyValue = addChildBlock("queryKeyValue", Linear.builder().setUnits(3L * width).build());
    projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
  }

  /** The Linear that writes the attention's result into the residual stream. */
  Linear projection() {
    return projection;
  }

  public int heads() {
    return heads;
  }

  /**
   * Biases the scores by distance (ALiBi) from the next forward pass on. It adds no parameter, so a
   * model surgery may call it before or after initialisation.
   */
  public void useLinearBiases() {
    linearBiases = true;
  }

  /** Whether the scores are biased by distance (ALiBi) rather than only masked. */
  public boolean usesLinearBiases() {
    return linearBiases;
  }

  @Override
  public Set<Trait> traits() {
    return Set.of(Trait.ATTENTION);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    long headWidth = width / heads;
    NDList qkv = queryKeyValue.forward(store, inputs, training).singletonOrThrow().split(3, 2);
    // [batch, T, width] → [batch, heads, T, headWidth]
    NDArray q = qkv.get(0).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray v = qkv.get(2).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray scores = Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), 1 / Math.sqrt(headWidth));
    NDArray mask = mask(x, length);
    NDArray weights = scores.addi(mask).softmax(-1);
    NDArray joined = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, width);
    return projection.forward(store, new NDList(joined), training);
  }

  /**
   * This forward pass's mask for {@code length} positions, in {@code x}'s manager: the top-left
   * corner of the kept mask ({@link #keptMaskFor}), a view that costs no arithmetic; or, where no
   * mask can be kept, one built for this pass alone.
   */
  private NDArray mask(NDArray x, long length) {
    NDArray kept = keptMaskFor(x.getDevice(), x.getDataType(), length);
    if (kept == null) {
      return build(x.getManager(), length, x.getDataType());
    }
    NDArray corner =
        kept.get(
            linearBiases
                ? new NDIndex(":, :{}, :{}", length, length)
                : new NDIndex(":{}, :{}", length, length));
    // The view is made in the kept mask's manager; it belongs to this pass, like its input.
    corner.attach(x.getManager());
    return corner;
  }

  /**
   * The mask of the longest sequence seen so far, built once per layer and kept in the manager the
   * weights were initialised in (on their device), rather than built again in every layer of every
   * forward pass. A shorter sequence's mask is its top-left corner, since the causal mask and
   * ALiBi's biases depend only on the positions {@code i} and {@code j}. It is built again for a
   * longer sequence, another type, or after {@link #useLinearBiases}. Null where none can be kept:
   * an input on another device than the weights, or a block whose manager is closed.
   */
  private synchronized NDArray keptMaskFor(Device device, DataType type, long length) {
    if (weightsManager == null
        || !weightsManager.isOpen()
        || !weightsManager.getDevice().equals(device)) {
      return null;
    }
    boolean stale =
        keptMask == null
            || keptMask.isReleased()
            || keptMaskIsBiases != linearBiases
            || keptMask.getDataType() != type
            || keptMask.getShape().get(keptMask.getShape().dimension() - 1) < length;
    if (stale) {
      if (keptMask != null && !keptMask.isReleased()) {
        keptMask.close();
      }
      // Its intermediate arrays go with the scratch manager; only the mask stays.
      try (NDManager scratch = weightsManager.newSubManager()) {
        NDArray built = build(scratch, length, type);
        built.attach(weightsManager);
        keptMask = built;
      }
      keptMaskIsBiases = linearBiases;
    }
    return keptMask;
  }

  private NDArray build(NDManager manager, long length, DataType type) {
    return linearBiases
        ? linearBiases(manager, heads, length, type)
        : causalMask(manager, length, type);
  }

  /** {@code [T, T]}: 0 on and below the diagonal, −∞ above it. */
  static NDArray causalMask(NDManager manager, long length, DataType type) {
    NDArray row = manager.arange(length).reshape(length, 1);
    NDArray column = manager.arange(length).reshape(1, length);
    NDArray later = column.gt(row);
    return NDArrays.where(
        later,
        manager.full(new Shape(length, length), Float.NEGATIVE_INFINITY, type),
        manager.zeros(new Shape(length, length), type));
  }

  /**
   * ALiBi's mask, {@code [heads, T, T]}: {@code −m_h·(i − j)} on and below the diagonal, −∞ above
   * it (the causal mask), with {@link #slopes} {@code m_h}.
   */
  public static NDArray linearBiases(NDManager manager, int heads, long length, DataType type) {
    NDArray row = manager.arange(length).reshape(length, 1);
    NDArray column = manager.arange(length).reshape(1, length);
    // i − j, as the score's type: 0 on the diagonal, positive below it
    NDArray distance = row.sub(column).toType(type, false).reshape(1, length, length);
    NDArray slopes = manager.create(slopes(heads)).toType(type, false).reshape(heads, 1, 1);
    NDArray biases = distance.mul(slopes).neg();
    return biases.add(causalMask(manager, length, type).reshape(1, length, length));
  }

  /**
   * The heads' slopes {@code m_h}, in head order: for {@code H} a power of two the geometric
   * sequence {@code m_h = 2^(−8h/H)}, {@code h = 1..H}; otherwise, as Press et al.'s code and
   * Composer do, the slopes of the power of two {@code P} just below {@code H}, followed by every
   * other slope of {@code 2P} (the 1st, 3rd, …) until there are {@code H}.
   */
  public static float[] slopes(int heads) {
    if (heads < 1) {
      throw new IllegalArgumentException("ALiBi needs at least one head, got " + heads);
    }
    int power = Integer.highestOneBit(heads);
    float[] slopes = new float[heads];
    for (int h = 1; h <= power; h++) {
      slopes[h - 1] = (float) Math.pow(2, -8.0 * h / power);
    }
    for (int i = power; i < heads; i++) {
      // Slope 2(i − P) + 1 of 2P heads: 2^(−8·(2(i − P) + 1) / 2P)
      int h = 2 * (i - power) + 1;
      slopes[i] = (float) Math.pow(2, -8.0 * h / (2 * power));
    }
    return slopes;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    weightsManager = manager;
    queryKeyValue.initialize(manager, dataType, inputShapes[0]);
    projection.initialize(manager, dataType, inputShapes[0]);
  }
}
