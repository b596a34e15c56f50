package dev.hasten.runtime.speedup.surgery;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * Ghost batch normalisation around a DJL {@link BatchNorm} (Hoffer et al. 2017; Composer's {@code
 * _GhostBatchNorm}): in training the batch is cut into {@code ⌈n / ghostBatchSize⌉} chunks along
 * axis 0 (as {@code torch.chunk}: equal chunks of {@code ⌈n / chunks⌉}, the last one shorter) and
 * the BatchNorm normalises each chunk by that chunk's statistics. In evaluation it is the BatchNorm
 * itself, with its running statistics.
 *
 * <p>The BatchNorm runs unchanged, with its own epsilon, momentum, axis and affine settings (DJL
 * does not expose them; calling the layer itself honours them all). Run once per chunk, it would
 * move its running statistics once per chunk, which Composer notes "greatly increases the variance"
 * of them; Composer divides the momentum by the chunk count, which DJL's BatchNorm does not allow.
 * Here every chunk updates its own copy of the statistics from before the step (the layer takes
 * them from a parameter store that hands out the copies), and the running statistics end as the
 * mean of those updates: {@code r ← m·r + (1 − m)·mean_i(s_i)} for the layer's momentum {@code m}
 * and chunk statistics {@code s_i}, one update per step as a plain BatchNorm makes, towards the
 * ghost batches' mean statistics. The real statistics are written once, after the chunks, and are
 * never in the autograd graph, which keeps the arrays the chunks' backward needs.
 */
public final class GhostBatchNormBlock extends AbstractBlock implements RebuildableBlock {
  private static final byte VERSION = 1;
  private static final NDIndex ALL = new NDIndex(":");

  private final BatchNorm batchNorm;
  private final int ghostBatchSize;

  /**
   * @param batchNorm the layer to run on each chunk
   * @param ghostBatchSize examples per chunk, at least 2
   */
  public GhostBatchNormBlock(BatchNorm batchNorm, int ghostBatchSize) {
    super(VERSION);
    if (ghostBatchSize < 2) {
      throw new IllegalArgumentException(
          "a ghost batch needs at least 2 examples, got " + ghostBatchSize);
    }
    this.batchNorm = addChildBlock("batchNorm", batchNorm);
    this.ghostBatchSize = ghostBatchSize;
  }

  public BatchNorm batchNorm() {
    return batchNorm;
  }

  public int ghostBatchSize() {
    return ghostBatchSize;
  }

  @Override
  public Block withChildren(List<Block> children) {
    return new GhostBatchNormBlock((BatchNorm) children.get(0), ghostBatchSize);
  }

  /** {@code ⌈n / ghostBatchSize⌉} chunks, at least 1. */
  public static int chunkCount(long batch, int ghostBatchSize) {
    return (int) Math.max(1, (batch + ghostBatchSize - 1) / ghostBatchSize);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    int chunks = chunkCount(x.getShape().get(0), ghostBatchSize);
    if (!training || chunks == 1) {
      return batchNorm.forward(parameterStore, inputs, training, params);
    }
    Parameter meanParameter = runningStatistic(Parameter.Type.RUNNING_MEAN);
    Parameter varianceParameter = runningStatistic(Parameter.Type.RUNNING_VAR);
    NDArray mean = parameterStore.getValue(meanParameter, x.getDevice(), true);
    NDArray variance = parameterStore.getValue(varianceParameter, x.getDevice(), true);
    NDManager scratch = x.getManager();
    NDArray meanSum = null;
    NDArray varianceSum = null;
    NDList parts = x.split(splitPoints(x.getShape().get(0), chunks));
    NDList normalised = new NDList(parts.size());
    for (NDArray chunk : parts) {
      // Each chunk updates its own copy of the statistics before the step: the layer's real
      // ones are never part of the autograd graph, so updating them below is allowed.
      NDArray chunkMean = copyInto(scratch, mean);
      NDArray chunkVariance = copyInto(scratch, variance);
      ParameterStore chunkStore =
          new StatisticsStore(
              parameterStore, Map.of(meanParameter, chunkMean, varianceParameter, chunkVariance));
      normalised.add(
          batchNorm.forward(chunkStore, new NDList(chunk), true, params).singletonOrThrow());
      meanSum = meanSum == null ? chunkMean.duplicate() : meanSum.addi(chunkMean);
      varianceSum =
          varianceSum == null ? chunkVariance.duplicate() : varianceSum.addi(chunkVariance);
    }
    mean.set(ALL, meanSum.divi(parts.size()));
    variance.set(ALL, varianceSum.divi(parts.size()));
    return new NDList(NDArrays.concat(normalised, 0));
  }

  /**
   * Where {@code torch.chunk} cuts a batch of {@code n} into at most {@code chunks}: every {@code
   * ⌈n / chunks⌉} examples (which may leave fewer chunks, e.g. 10 into 4 gives 3, 3, 3, 1 but 9
   * into 4 gives 3, 3, 3).
   */
  public static long[] splitPoints(long batch, int chunks) {
    long size = (batch + chunks - 1) / chunks;
    int cuts = (int) ((batch - 1) / size);
    long[] points = new long[cuts];
    for (int i = 0; i < cuts; i++) {
      points[i] = (i + 1) * size;
    }
    return points;
  }

  /** The BatchNorm's running statistic of {@code type}. */
  private Parameter runningStatistic(Parameter.Type type) {
    for (Parameter parameter : batchNorm.getDirectParameters().values()) {
      if (parameter.getType() == type) {
        return parameter;
      }
    }
    throw new IllegalStateException("the BatchNorm has no parameter of type " + type);
  }

  private static NDArray copyInto(NDManager manager, NDArray source) {
    NDArray copy = source.duplicate();
    copy.attach(manager);
    return copy;
  }

  /**
   * The run's parameter store, except that the running statistics are the given arrays: a BatchNorm
   * updates in place whatever array the store gives it.
   */
  private static final class StatisticsStore extends ParameterStore {
    private final ParameterStore store;
    private final Map<Parameter, NDArray> statistics;

    StatisticsStore(ParameterStore store, Map<Parameter, NDArray> statistics) {
      super(store.getManager(), false);
      this.store = store;
      this.statistics = statistics;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
      NDArray statistic = statistics.get(parameter);
      return statistic != null ? statistic : store.getValue(parameter, device, training);
    }
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    batchNorm.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
