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
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.ResNetSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The model catalog a pipeline's {@code @Model} method receives: small networks for 28×28 grey
 * images such as Fashion-MNIST, and a decoder-only transformer for language models ({@link #gpt}).
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

  /** nanoGPT's (and GPT-2's) standard deviation of initial weights. */
  static final float GPT_INIT_STD = 0.02f;

  public Models() {}

  /**
   * The baseline CNN of the reference measurements: conv 3×3 32 → BatchNorm → ReLU → max-pool 2 →
   * conv 3×3 64 → BatchNorm → ReLU → max-pool 2 → flatten → Linear 128 → ReLU → Linear {@code
   * classes}. Its flatten fixes the input at 28×28.
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
    SequentialBlock net =
        convBnRelu(new CatalogBlock("resNet", size, classes), widths[0], STEM_STRIDE);
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

  /**
   * A decoder-only transformer (GPT-2's design): a {@link TokenEmbedding} (token plus learned
   * position), {@code layers} pre-LayerNorm {@link DecoderBlock}s of {@link CausalSelfAttention}
   * and a 4× {@link FeedForward} with GELU, a final LayerNorm, and {@link TiedLogits}: the output
   * projection is the token embedding matrix itself. Linear layers and LayerNorms have biases, no
   * dropout. Maps int64 tokens {@code [batch, T]}, {@code T ≤ context}, to logits {@code [batch, T,
   * vocabulary]}; the logits at position {@code t} depend on tokens {@code ≤ t} only.
   *
   * <ul>
   *   <li>TOY: 4 layers, width 128, 4 heads;
   *   <li>SMALL: 6 layers, width 384, 6 heads;
   *   <li>BASE: 12 layers, width 768, 12 heads.
   * </ul>
   *
   * <p>Initialisation is nanoGPT's: every weight matrix and both embeddings from {@code N(0,
   * 0.02²)}, except the two projections that write into the residual stream in each block
   * (attention output, second feed-forward Linear), from {@code N(0, (0.02/√(2·layers))²)}, so that
   * the residual stream's variance does not grow with depth (GPT-2's scaling); biases 0, LayerNorm
   * gains 1.
   *
   * <p>With {@code V} tokens, context {@code n} and width {@code d} it has {@code Vd + nd + L(12d²
   * + 13d) + 2d} parameters: the toy at {@code V = 256}, {@code n = 128} has 842,496.
   *
   * <p>Traits: ATTENTION, LAYER_NORM, FEED_FORWARD.
   */
  public Block gpt(GptSize size, int vocabulary, int context) {
    int[] shape = gptShape(size);
    int layers = shape[0];
    int width = shape[1];
    int heads = shape[2];
    SequentialBlock net = new CatalogBlock("gpt", size, vocabulary, context);
    TokenEmbedding embedding = new TokenEmbedding(vocabulary, context, width);
    net.add(embedding);
    List<DecoderBlock> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      DecoderBlock block = DecoderBlock.gpt(width, heads);
      blocks.add(block);
      net.add(block);
    }
    net.add(DecoderBlock.widthNorm()).add(new TiedLogits(embedding));
    net.setInitializer(new NormalInitializer(GPT_INIT_STD), Parameter.Type.WEIGHT);
    NormalInitializer residual =
        new NormalInitializer((float) (GPT_INIT_STD / Math.sqrt(2.0 * layers)));
    for (DecoderBlock block : blocks) {
      ((CausalSelfAttention) block.attention())
          .projection()
          .setInitializer(residual, Parameter.Type.WEIGHT);
      ((FeedForward) block.feedForward())
          .projection()
          .setInitializer(residual, Parameter.Type.WEIGHT);
    }
    return net;
  }

  /** Layers, width, heads. */
  static int[] gptShape(GptSize size) {
    switch (size) {
      case TOY:
        return new int[] {4, 128, 4};
      case SMALL:
        return new int[] {6, 384, 6};
      case BASE:
        return new int[] {12, 768, 12};
      default:
        throw new IllegalArgumentException("no GPT of size " + size);
    }
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
