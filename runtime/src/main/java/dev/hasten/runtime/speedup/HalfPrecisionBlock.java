package dev.hasten.runtime.speedup;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.runtime.model.Scalars;
import dev.hasten.runtime.speedup.surgery.RebuildableBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Runs a model's forward pass in FP16 while its parameters stay FP32 (the master weights), written
 * out because DJL 0.36 has no autocast, {@code Block.cast} throws, and its {@code toType} is not
 * recorded by autograd (a cast cuts the graph).
 *
 * <p>So this is the classic scheme of Micikevicius et al. (2018), as NVIDIA's apex "O2" did it
 * before autocast. In a training forward pass:
 *
 * <ol>
 *   <li>the input is cast to FP16, unless it is integers (token ids);
 *   <li>the inner model reads its parameters through a {@link ParameterStore} that hands it, for
 *       every parameter but BatchNorm's (convolution and linear weights and biases, fixed filters),
 *       an FP16 copy of the master, made a leaf of the graph when it is trained; BatchNorm's gamma,
 *       beta and running statistics are handed as they are, FP32, as under autocast, where batch
 *       norm takes an FP16 input with FP32 parameters ({@link #castsToHalf});
 *   <li>the FP16 logits become FP32 by adding {@code z = 0·Σ_p sum(master_p)}, a one-element FP32
 *       array: type promotion makes the sum FP32 and, unlike a cast, autograd records it, so the
 *       loss's gradient flows back into the FP16 network; and since every master is in {@code z},
 *       every master gets a gradient (zero) in the backward pass, which {@link #transferGradients}
 *       then fills;
 *   <li>the logits pass through an identity whose gradient is multiplied by the loss scale: {@code
 *       y = x + (a − stop(a))} with {@code a = (s − 1)·x} has the value {@code x} exactly and the
 *       gradient {@code s}, so the FP16 backward pass carries scaled gradients (what loss scaling
 *       is for) while the loss and the logged training loss keep their true values.
 * </ol>
 *
 * After backward, {@link #transferGradients} adds each FP16 copy's gradient, cast to FP32, to its
 * master's gradient; {@link MixedPrecisionMethod} then divides the scale out. In inference the same
 * casts are made without leaves, scaling or {@code z}.
 */
public final class HalfPrecisionBlock extends AbstractBlock implements RebuildableBlock {
  private static final byte VERSION = 1;

  private final Block model;
  private final DoubleSupplier gradientScale;

  /**
   * The FP16 leaves of the last training forward pass and their masters; shared with the blocks
   * {@link #withChildren} makes, so that whoever holds this block transfers their gradients.
   */
  private final Copies copies;

  /**
   * @param model the model to run in FP16
   * @param gradientScale the factor by which training gradients are scaled, read each forward
   */
  public HalfPrecisionBlock(Block model, DoubleSupplier gradientScale) {
    this(model, gradientScale, new Copies());
  }

  private HalfPrecisionBlock(Block model, DoubleSupplier gradientScale, Copies copies) {
    super(VERSION);
    this.model = addChildBlock("fp16", model);
    this.gradientScale = gradientScale;
    this.copies = copies;
  }

  /** A later surgery (BlurPool, say) rewrote inside the model: the same wrapper around it. */
  @Override
  public Block withChildren(List<Block> children) {
    return new HalfPrecisionBlock(children.get(0), gradientScale, copies);
  }

  /** The model run in FP16. */
  public Block model() {
    return model;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    NDManager manager = input.getManager();
    // A language model's input is token ids, which stay integers: only values become FP16.
    NDArray half = input.getDataType().isFloating() ? input.toType(DataType.FLOAT16, false) : input;
    HalfPrecisionStore store = new HalfPrecisionStore(parameterStore, manager, training);
    NDArray output = model.forward(store, new NDList(half), training, params).singletonOrThrow();
    if (!training) {
      return new NDList(output.toType(DataType.FLOAT32, false));
    }
    copies.last = store.copies;
    NDArray full = output.add(masterSum(store.masters, manager));
    return new NDList(scaleGradient(full, gradientScale.getAsDouble()));
  }

  /** {@code 0·Σ_p sum(master_p)} as a one-element FP32 array, owned by {@code manager}. */
  private static NDArray masterSum(List<NDArray> masters, NDManager manager) {
    NDArray sum = null;
    for (NDArray master : masters) {
      NDArray part = master.sum();
      part.attach(manager);
      sum = sum == null ? part : sum.add(part);
    }
    return sum == null ? manager.zeros(new Shape(1)) : Scalars.times(sum, 0).reshape(1);
  }

  /**
   * Adds the gradient of each FP16 copy of the last training forward pass, cast to FP32, to its
   * master's gradient, in place. Call it after that pass's backward and before the update.
   */
  public void transferGradients(NDManager scratch) {
    for (Copy copy : copies.last) {
      NDArray halfGradient = Gradients.of(copy.half(), scratch);
      NDArray masterGradient = Gradients.of(copy.master(), scratch);
      if (halfGradient == null || masterGradient == null) {
        continue; // the backward pass did not reach it
      }
      NDArray full = halfGradient.toType(DataType.FLOAT32, false);
      full.attach(scratch);
      masterGradient.addi(full);
    }
    copies.last = List.of();
  }

  /** {@code x} in value, with its gradient multiplied by {@code scale}. */
  static NDArray scaleGradient(NDArray x, double scale) {
    if (scale == 1) {
      return x;
    }
    NDArray a = Scalars.times(x, scale - 1);
    return x.add(a.sub(a.stopGradient()));
  }

  /**
   * Whether the model computes with an FP16 copy of this parameter: all but BatchNorm's (gamma,
   * beta, running mean and variance), which stay FP32 as under autocast: CUDA's batch norm takes
   * FP16 input with FP32 parameters, and updates FP32 running statistics in place, which a copy
   * would lose. {@code OTHER} parameters are cast too, since they are used like weights (BlurPool's
   * fixed filter is a convolution weight).
   */
  static boolean castsToHalf(Parameter parameter) {
    switch (parameter.getType()) {
      case GAMMA:
      case BETA:
      case RUNNING_MEAN:
      case RUNNING_VAR:
        return false;
      default:
        return true;
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return model.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    model.initialize(manager, dataType, inputShapes);
  }

  /** An FP16 leaf and the FP32 master it was copied from. */
  private record Copy(Parameter master, NDArray half) {}

  /** The copies of the last training forward pass. */
  private static final class Copies {
    List<Copy> last = List.of();
  }

  /**
   * Hands the inner model FP16 copies of the parameters that compute in FP16, each owned by the
   * batch's manager (it lives as long as the batch's activations, not as long as the weights).
   */
  private static final class HalfPrecisionStore extends ParameterStore {
    private final ParameterStore masterStore;
    private final NDManager batch;
    private final boolean training;
    final List<Copy> copies = new ArrayList<>();
    final List<NDArray> masters = new ArrayList<>();

    HalfPrecisionStore(ParameterStore masterStore, NDManager batch, boolean training) {
      super(batch, false);
      this.masterStore = masterStore;
      this.batch = batch;
      this.training = training;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
      NDArray value = masterStore.getValue(parameter, device, training);
      if (value == null || !castsToHalf(parameter) || value.getDataType() == DataType.FLOAT16) {
        return value;
      }
      NDArray half = value.toType(DataType.FLOAT16, true);
      half.attach(batch);
      if (this.training && parameter.requiresGradient()) {
        half.setRequiresGradient(true);
        copies.add(new Copy(parameter, half));
        masters.add(value);
      }
      return half;
    }
  }
}
