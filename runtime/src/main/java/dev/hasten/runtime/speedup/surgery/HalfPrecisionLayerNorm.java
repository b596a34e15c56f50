package dev.hasten.runtime.speedup.surgery;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A DJL {@link LayerNorm} computed in FP16: its input, gain and shift are cast to FP16, the layer
 * runs unchanged on them (with its own axis, epsilon and affine settings), and the result is cast
 * back to the input's type. Under {@code @MixedPrecision}, whose FP16 model hands a layer norm FP16
 * input and FP32 parameters, only the parameters are cast and the result stays FP16.
 *
 * <p>Every cast is one autograd records. DJL's {@code toType} is not (it cuts the graph), so the
 * cast down is a copy into an FP16 array ({@code set}, which libtorch differentiates, handing the
 * gradient back in the source's type), and the cast up adds a one-element zero of the input's type
 * (type promotion).
 */
public final class HalfPrecisionLayerNorm extends AbstractBlock implements RebuildableBlock {
  private static final byte VERSION = 1;
  private static final NDIndex ALL = new NDIndex("...");

  private final LayerNorm norm;

  public HalfPrecisionLayerNorm(LayerNorm norm) {
    super(VERSION);
    this.norm = addChildBlock("norm", norm);
  }

  public LayerNorm norm() {
    return norm;
  }

  @Override
  public Block withChildren(List<Block> children) {
    return new HalfPrecisionLayerNorm((LayerNorm) children.get(0));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDManager manager = x.getManager();
    NDArray y =
        norm.forward(
                new HalfStore(store, manager), new NDList(toHalf(x, manager)), training, params)
            .singletonOrThrow();
    if (x.getDataType() == DataType.FLOAT16) {
      return new NDList(y);
    }
    return new NDList(y.add(manager.zeros(new Shape(1), x.getDataType())));
  }

  /** {@code x} as FP16, with a gradient back to {@code x}; itself if it is FP16 already. */
  static NDArray toHalf(NDArray x, NDManager manager) {
    if (x.getDataType() == DataType.FLOAT16) {
      return x;
    }
    NDArray half = manager.zeros(x.getShape(), DataType.FLOAT16, x.getDevice());
    half.set(ALL, x);
    return half;
  }

  /** The run's parameter store, with every value it hands out cast to FP16. */
  private static final class HalfStore extends ParameterStore {
    private final ParameterStore store;
    private final NDManager manager;

    HalfStore(ParameterStore store, NDManager manager) {
      super(store.getManager(), false);
      this.store = store;
      this.manager = manager;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
      return toHalf(store.getValue(parameter, device, training), manager);
    }
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    norm.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
