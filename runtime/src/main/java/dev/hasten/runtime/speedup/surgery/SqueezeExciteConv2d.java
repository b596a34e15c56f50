package dev.hasten.runtime.speedup.surgery;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A convolution followed by a {@link SqueezeExcite2d} gate when it is wide enough (Composer's
 * {@code SqueezeExciteConv2d}): Composer gates a convolution only if {@code min(in, out) ≥
 * minChannels}. A DJL convolution learns its input channels only at initialisation, so this block
 * decides then: the gate becomes its second child only if the convolution is gated, so a
 * convolution left alone brings no parameter, no layer and no cost. {@link #isGating()} says which.
 *
 * <p>The convolution stays a child, unchanged (another surgery may have wrapped it since, as
 * BlurPool does); its filters, read from the {@code Conv2d} it was built around, are the gate's
 * channels.
 */
public final class SqueezeExciteConv2d extends AbstractBlock implements RebuildableBlock {
  private static final byte VERSION = 1;

  private final Block conv;
  private final int filters;
  private final double latentChannels;
  private final int minChannels;
  private SqueezeExcite2d gate;

  /**
   * @param conv the convolution, or a block around one with its output channels
   * @param filters the convolution's output channels
   * @param latentChannels the gate's bottleneck, as {@link SqueezeExcite2d#latentSize}
   * @param minChannels the input and output channels from which the convolution is gated
   */
  public SqueezeExciteConv2d(Block conv, int filters, double latentChannels, int minChannels) {
    super(VERSION);
    this.conv = addChildBlock("conv", conv);
    this.filters = filters;
    this.latentChannels = latentChannels;
    this.minChannels = minChannels;
  }

  /** Wraps {@code conv}, to be gated at initialisation if it is wide enough. */
  public static SqueezeExciteConv2d of(Conv2d conv, double latentChannels, int minChannels) {
    return new SqueezeExciteConv2d(conv, conv.getFilters(), latentChannels, minChannels);
  }

  /** The convolution (or the block around it). */
  public Block conv() {
    return conv;
  }

  /** Whether the convolution is gated: set at initialisation, from its input channels. */
  public boolean isGating() {
    return gate != null;
  }

  @Override
  public Block withChildren(List<Block> children) {
    return new SqueezeExciteConv2d(children.get(0), filters, latentChannels, minChannels);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, inputShapes);
    long in = inputShapes[0].get(1);
    if (gate == null && Math.min(in, filters) >= minChannels) {
      gate =
          addChildBlock(
              "gate",
              new SqueezeExcite2d(filters, SqueezeExcite2d.latentSize(latentChannels, filters)));
    }
    if (gate != null) {
      gate.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList out = conv.forward(parameterStore, inputs, training, params);
    return gate == null ? out : gate.forward(parameterStore, out, training, params);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }
}
