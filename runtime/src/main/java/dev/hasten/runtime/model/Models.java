package dev.hasten.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import dev.hasten.dsl.ResNetSize;

/**
 * The model catalog a pipeline's {@code @Model} method receives: small networks for 28×28 grey
 * images such as Fashion-MNIST.
 *
 * <p>Weights start from He (Kaiming) normal initialisation, {@code N(0, 2 / fan_in)}, the usual
 * choice before ReLU; a DJL trainer configured with another initializer replaces it. Pooling uses
 * DJL's named pooling blocks and residual blocks are {@link ResidualBlock}s, so that {@link
 * ModelTraits} can tell what each model contains. Each model is a {@link CatalogBlock} that
 * remembers the call that built it, so an exported model rebuilds without its pipeline class.
 */
public final class Models {
  /**
   * The ResNet stem halves the image (28×28 → 14×14) before the first stage, where a stride-1 stem
   * would leave the first stage 40% of the network's multiply-adds. Measured here on 2 shared CPU
   * cores, back to back over 15 training steps of 128: SMALL ran at 1,068 images/s with this stem
   * and 319 with a stride-1 one; a 2-epoch one-cycle SGD run of it reached 90.8% test accuracy. The
   * stem is a 3×3 convolution, so its windows still cover every pixel.
   */
  static final int STEM_STRIDE = 2;

  public Models() {}

  /**
   * The baseline CNN of the reference measurements: conv 3×3 32 → BatchNorm → ReLU →
   * max-pool 2 → conv 3×3 64 → BatchNorm → ReLU → max-pool 2 → flatten → Linear 128 → ReLU → Linear
   * {@code classes}. Its flatten fixes the input at 28×28.
   *
   * <p>Traits: CONV2D, BATCH_NORM, MAX_POOL.
   */
  public Block baselineCnn(int classes) {
    SequentialBlock net = new CatalogBlock("baselineCnn", classes);
    convBnRelu(net, 32, 1).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    convBnRelu(net, 64, 1).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    return heInitialised(classifierHead(net, classes));
  }

  /**
   * A compact CNN for speed on a CPU: conv 3×3 16 of stride 2 → BatchNorm → ReLU → conv 3×3 32 →
   * BatchNorm → ReLU → max-pool 2 → conv 3×3 64 → BatchNorm → ReLU → flatten → Linear 128 → ReLU →
   * Linear {@code classes}. Its flatten fixes the input at 28×28.
   *
   * <p>Against {@link #baselineCnn}: the strided first convolution leaves no layer at 28×28, where
   * the baseline's BatchNorm, ReLU and pooling are memory-bound work on 32 full-size planes; the
   * 14×14 convolution is half as wide; a third convolution at 7×7, where a layer is cheap, gives
   * back depth. About 2.2 M multiply-adds per image against 4.2 M, and 2.3 times the images per
   * second on 2 CPU cores (docs/BENCHMARKS.md, "FashionFast"). Traits: CONV2D, BATCH_NORM,
   * MAX_POOL.
   */
  public Block compactCnn(int classes) {
    SequentialBlock net = new CatalogBlock("compactCnn", classes);
    convBnRelu(net, 16, 2);
    convBnRelu(net, 32, 1).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    convBnRelu(net, 64, 1);
    return heInitialised(classifierHead(net, classes));
  }

  /**
   * A residual network for small images: a 3×3 stem convolution of stride {@value #STEM_STRIDE}
   * with BatchNorm and ReLU, three stages of {@link ResidualBlock#basic basic blocks} (the second
   * and third start with stride 2), global average pooling, and a Linear classifier. Global pooling
   * makes it accept any input size, which progressive resizing needs: a 28×28 image meets the
   * stages at 14×14, 7×7 and 4×4.
   *
   * <ul>
   *   <li>TINY: 16, 32, 64 channels, one block per stage;
   *   <li>SMALL: 32, 64, 128 channels, one block per stage;
   *   <li>MEDIUM: 32, 64, 128 channels, two blocks per stage.
   * </ul>
   *
   * <p>Traits: CONV2D, BATCH_NORM, RESIDUAL, GLOBAL_POOL.
   */
  public Block resNet(ResNetSize size, int classes) {
    int[] widths = widths(size);
    int blocksPerStage = size == ResNetSize.MEDIUM ? 2 : 1;
    SequentialBlock net = convBnRelu(new CatalogBlock("resNet", size, classes), widths[0], STEM_STRIDE);
    int channels = widths[0];
    for (int stage = 0; stage < widths.length; stage++) {
      for (int i = 0; i < blocksPerStage; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        net.add(ResidualBlock.basic(channels, widths[stage], stride));
        channels = widths[stage];
      }
    }
    net.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(classes).build());
    return heInitialised(net);
  }

  /** Appends a 3×3 convolution of {@code filters} at {@code stride}, BatchNorm and ReLU. */
  private static SequentialBlock convBnRelu(SequentialBlock net, int filters, int stride) {
    return net.add(Layers.conv(3, filters, stride))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  /** Appends flatten → Linear 128 → ReLU → Linear {@code classes}, the CNNs' classifier. */
  private static SequentialBlock classifierHead(SequentialBlock net, int classes) {
    return net.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(128).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(classes).build());
  }

  private static int[] widths(ResNetSize size) {
    switch (size) {
      case TINY:
        return new int[] {16, 32, 64};
      case SMALL:
      case MEDIUM:
        return new int[] {32, 64, 128};
      default:
        throw new IllegalArgumentException("no ResNet of size " + size);
    }
  }

  private static Block heInitialised(Block net) {
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
        Parameter.Type.WEIGHT);
    return net;
  }
}
