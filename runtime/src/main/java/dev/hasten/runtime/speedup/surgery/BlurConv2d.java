package dev.hasten.runtime.speedup.surgery;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.runtime.InvalidInputException;
import java.util.List;

/**
 * A strided convolution with BlurPool's blur (Composer's {@code BlurConv2d}): with {@code
 * blurFirst}, the input is blurred at stride 1 and the convolution keeps its stride; otherwise the
 * convolution runs at stride 1 and its output is blurred with the stride (more compute: the
 * convolution is evaluated at every position). Either way the output has the convolution's own
 * shape.
 *
 * <p>The convolution stays a child, unchanged, so its weights, initializer and trait are the
 * original's. Without {@code blurFirst} the stride-1 pass reuses its parameters with its padding,
 * dilation and groups.
 *
 * <p>Composer leaves a convolution with fewer than {@code minChannels} input channels (an RGB stem)
 * alone. A DJL convolution learns its input channels only at initialisation, so this block decides
 * then: below {@code minChannels} it passes straight through to the convolution; {@link
 * #isBlurring()} says which.
 */
public final class BlurConv2d extends AbstractBlock implements RebuildableBlock {
  private static final byte VERSION = 1;
  private static final Shape UNIT_STRIDE = new Shape(1, 1);

  private final Block conv;
  private final Blur2d blur;
  private final int stride;
  private final boolean blurFirst;
  private final int minChannels;
  private boolean blurring;

  /**
   * @param conv a strided convolution, or (with {@code blurFirst}) any block around one whose
   *     output it sets
   * @param stride the convolution's stride, the blur's without {@code blurFirst}
   * @param blurFirst blur the input (true) or the stride-1 output (false)
   * @param minChannels the input channels from which the blur applies
   */
  public BlurConv2d(Block conv, int stride, boolean blurFirst, int minChannels) {
    super(VERSION);
    if (!blurFirst && !(conv instanceof Conv2d)) {
      throw new InvalidInputException(
          "@BlurPool(blurFirst = false) runs the convolution itself at stride 1, so it must be a"
              + " plain Conv2d, not a "
              + conv.getClass().getSimpleName()
              + "; declare the speedup that wraps it before @BlurPool, or use blurFirst = true");
    }
    this.stride = stride;
    this.blurFirst = blurFirst;
    this.minChannels = minChannels;
    if (blurFirst) {
      this.blur = addChildBlock("blur", new Blur2d(1));
      this.conv = addChildBlock("conv", conv);
    } else {
      this.conv = addChildBlock("conv", conv);
      this.blur = addChildBlock("blur", new Blur2d(stride));
    }
  }

  /** Wraps {@code conv} with the blur of {@code @BlurPool}. */
  public static BlurConv2d of(Conv2d conv, boolean blurFirst, int minChannels) {
    long[] stride = conv.getStride().getShape();
    if (stride.length != 2 || stride[0] != stride[1]) {
      throw new InvalidInputException(
          "@BlurPool blurs square strides only; found a Conv2d with stride " + conv.getStride());
    }
    return new BlurConv2d(conv, (int) stride[0], blurFirst, minChannels);
  }

  /** The convolution (or the block around it). */
  public Block conv() {
    return conv;
  }

  public boolean blurFirst() {
    return blurFirst;
  }

  /** Whether the blur applies: set at initialisation, from the input channels. */
  public boolean isBlurring() {
    return blurring;
  }

  @Override
  public Block withChildren(List<Block> children) {
    Block newConv = blurFirst ? children.get(1) : children.get(0);
    return new BlurConv2d(newConv, stride, blurFirst, minChannels);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    blurring = inputShapes[0].get(1) >= minChannels;
    if (blurFirst) {
      blur.initialize(manager, dataType, inputShapes);
      conv.initialize(manager, dataType, inputShapes);
    } else {
      conv.initialize(manager, dataType, inputShapes);
      blur.initialize(manager, dataType, denseShape(inputShapes[0]));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    if (!blurring) {
      return conv.forward(parameterStore, inputs, training, params);
    }
    if (blurFirst) {
      NDList blurred = blur.forward(parameterStore, inputs, training, params);
      return conv.forward(parameterStore, blurred, training, params);
    }
    NDArray dense = dense(parameterStore, inputs.singletonOrThrow(), training);
    return blur.forward(parameterStore, new NDList(dense), training, params);
  }

  /** The convolution at stride 1, with its own weights, padding, dilation and groups. */
  private NDArray dense(ParameterStore parameterStore, NDArray x, boolean training) {
    Conv2d c = (Conv2d) conv;
    NDArray weight =
        parameterStore.getValue(c.getDirectParameters().get("weight"), x.getDevice(), training);
    NDArray bias =
        c.isIncludeBias()
            ? parameterStore.getValue(c.getDirectParameters().get("bias"), x.getDevice(), training)
            : null;
    return Conv2d.conv2d(
            x, weight, bias, UNIT_STRIDE, c.getPadding(), c.getDilation(), c.getGroups())
        .singletonOrThrow();
  }

  /** The shape of the convolution's output at stride 1. */
  private Shape denseShape(Shape in) {
    Conv2d c = (Conv2d) conv;
    long[] k = c.getKernelShape().getShape();
    long[] p = c.getPadding().getShape();
    long[] d = c.getDilation().getShape();
    return new Shape(
        in.get(0),
        c.getFilters(),
        in.get(2) + 2 * p[0] - d[0] * (k[0] - 1),
        in.get(3) + 2 * p[1] - d[1] * (k[1] - 1));
  }

  /**
   * The convolution's own output shape: the blur at stride 1 keeps sizes, and a strided blur of the
   * stride-1 output gives back the strided convolution's sizes.
   */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }
}
