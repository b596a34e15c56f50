package dev.hasten.runtime.speedup.surgery;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A squeeze-and-excitation gate (Hu et al. 2018, as Composer's {@code SqueezeExcite2d}): for an
 * NCHW input {@code x}, {@code x · sigmoid(W₂ relu(W₁ mean_hw(x)))}, one factor per example and
 * channel. {@code W₁} squeezes the channels to a latent size and {@code W₂} expands them back;
 * neither has a bias, as in Composer. Its weights start from DJL's default for weights (He normal).
 */
public final class SqueezeExcite2d extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block mlp;

  /**
   * @param channels the channels of the gated input
   * @param latentChannels the bottleneck's size
   */
  public SqueezeExcite2d(int channels, int latentChannels) {
    super(VERSION);
    if (channels < 1 || latentChannels < 1) {
      throw new IllegalArgumentException(
          "a squeeze-excite gate needs at least one channel and one latent channel, got "
              + channels
              + " and "
              + latentChannels);
    }
    this.mlp =
        addChildBlock(
            "mlp",
            new SequentialBlock()
                .add(Linear.builder().setUnits(latentChannels).optBias(false).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(channels).optBias(false).build())
                .add(Activation::sigmoid));
  }

  /**
   * The latent size for a convolution of {@code channels} outputs: below 1, {@code latent} is a
   * fraction of the channels; from 1, a count. Rounded down, at least 1 (as Composer's {@code
   * int(...)}, which could give 0).
   */
  public static int latentSize(double latent, int channels) {
    double size = latent < 1 ? latent * channels : latent;
    return Math.max(1, (int) size);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray squeezed = Pool.globalAvgPool2d(x); // [N, C]
    NDArray gate =
        mlp.forward(parameterStore, new NDList(squeezed), training, params).singletonOrThrow();
    Shape shape = x.getShape();
    return new NDList(x.mul(gate.reshape(shape.get(0), shape.get(1), 1, 1)));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    mlp.initialize(manager, dataType, new Shape(in.get(0), in.get(1)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
