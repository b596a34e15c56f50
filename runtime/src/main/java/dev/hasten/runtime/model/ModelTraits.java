package dev.hasten.runtime.model;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.PointwiseFeedForwardBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a model contains, found by walking its Block tree, and the check that a pipeline's
 * {@code @Model(traits = …)} declaration is true.
 *
 * <p>The processor trusts the declaration to validate speedups at compile time (e.g.
 * {@code @ProgressiveResizing} needs GLOBAL_POOL); this is the run-time half that catches a
 * declaration the model does not honour, before the first step.
 *
 * <p>What is recognised, in any Block tree of standard DJL blocks:
 *
 * <ul>
 *   <li>CONV2D: {@link Conv2d}; BATCH_NORM: {@link BatchNorm} (and its subclasses, such as DJL's
 *       GhostBatchNorm); DROPOUT: {@link Dropout}; LAYER_NORM: {@link LayerNorm}.
 *   <li>ATTENTION: DJL's {@link ScaledDotProductAttentionBlock}, or the catalog's {@link
 *       CausalSelfAttention}; FEED_FORWARD: DJL's {@link PointwiseFeedForwardBlock}, or the
 *       catalog's {@link FeedForward} (both of these through {@link TraitedBlock}).
 *   <li>MAX_POOL: DJL's {@code Pool.maxPool2dBlock}; GLOBAL_POOL: any of DJL's global pooling
 *       blocks ({@code Pool.globalAvgPool2dBlock} and the like). DJL 0.36 builds them as {@link
 *       LambdaBlock}s named {@code maxPool2d}, {@code globalAvgPool2d}, …, and the name is what
 *       tells them apart.
 *   <li>RESIDUAL: a {@link ResidualBlock}, or a {@link ParallelBlock} shaped as DJL's own ResNet
 *       builds one: a branch beside an identity ({@code Blocks.identityBlock()}) or a 1×1
 *       convolution projection (optionally followed by BatchNorm). A ParallelBlock's join function
 *       cannot be inspected, so a concatenation shaped like this would count too.
 *   <li>Anything implementing {@link TraitedBlock} contributes the traits it names.
 * </ul>
 */
public final class ModelTraits {
  private static final String MAX_POOL_2D = "maxPool2d";
  private static final String IDENTITY = "identity";

  private ModelTraits() {}

  /** The traits found anywhere in {@code model}'s tree. */
  public static Set<Trait> of(Block model) {
    Set<Trait> found = EnumSet.noneOf(Trait.class);
    collect(model, found);
    return found;
  }

  /**
   * Checks that every declared trait is present.
   *
   * @throws InvalidInputException naming the declared traits the model lacks, e.g. {@code @Model
   *     declares RESIDUAL but the model has no residual block; remove it from traits or change the
   *     model}
   */
  public static void requireDeclared(Block model, Set<Trait> declared) {
    Set<Trait> absent = declared.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(declared);
    absent.removeAll(of(model));
    if (absent.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Trait trait : absent) {
      names.add(trait.name());
      parts.add("no " + describe(trait));
    }
    throw new InvalidInputException(
        String.format(
            "@Model declares %s but the model has %s; remove %s from traits or change the model",
            joined(names), joined(parts), absent.size() == 1 ? "it" : "them"));
  }

  private static void collect(Block block, Set<Trait> found) {
    if (block instanceof TraitedBlock) {
      found.addAll(((TraitedBlock) block).traits());
    }
    if (block instanceof Conv2d) {
      found.add(Trait.CONV2D);
    } else if (block instanceof BatchNorm) {
      found.add(Trait.BATCH_NORM);
    } else if (block instanceof Dropout) {
      found.add(Trait.DROPOUT);
    } else if (block instanceof LayerNorm) {
      found.add(Trait.LAYER_NORM);
    } else if (block instanceof ScaledDotProductAttentionBlock) {
      found.add(Trait.ATTENTION);
    } else if (block instanceof PointwiseFeedForwardBlock) {
      found.add(Trait.FEED_FORWARD);
    } else if (block instanceof LambdaBlock) {
      String name = ((LambdaBlock) block).getName();
      if (MAX_POOL_2D.equals(name)) {
        found.add(Trait.MAX_POOL);
      } else if (name.startsWith("global") && name.contains("Pool")) {
        found.add(Trait.GLOBAL_POOL);
      }
    } else if (block instanceof ParallelBlock && looksResidual(block)) {
      found.add(Trait.RESIDUAL);
    }
    for (Block child : block.getChildren().values()) {
      collect(child, found);
    }
  }

  /**
   * A branch beside a shortcut: DJL's ResNet join of {@code F(x)} and {@code x} (or {@code Wx}).
   */
  private static boolean looksResidual(Block parallel) {
    List<Block> branches = parallel.getChildren().values();
    long shortcuts = branches.stream().filter(ModelTraits::isShortcut).count();
    return branches.size() >= 2 && shortcuts >= 1 && shortcuts < branches.size();
  }

  private static boolean isShortcut(Block block) {
    if (block instanceof LambdaBlock) {
      return IDENTITY.equals(((LambdaBlock) block).getName());
    }
    if (isOneByOneConv(block)) {
      return true;
    }
    if (block instanceof SequentialBlock) {
      List<Block> layers = block.getChildren().values();
      return (layers.size() == 1 || layers.size() == 2)
          && isOneByOneConv(layers.get(0))
          && (layers.size() == 1 || layers.get(1) instanceof BatchNorm);
    }
    return false;
  }

  private static boolean isOneByOneConv(Block block) {
    if (!(block instanceof Conv2d)) {
      return false;
    }
    long[] kernel = ((Conv2d) block).getKernelShape().getShape();
    return kernel.length == 2 && kernel[0] == 1 && kernel[1] == 1;
  }

  private static String describe(Trait trait) {
    switch (trait) {
      case CONV2D:
        return "Conv2d layer";
      case BATCH_NORM:
        return "BatchNorm layer";
      case MAX_POOL:
        return "max pooling";
      case RESIDUAL:
        return "residual block";
      case GLOBAL_POOL:
        return "global pooling";
      case DROPOUT:
        return "Dropout layer";
      case ATTENTION:
        return "attention block";
      case LAYER_NORM:
        return "LayerNorm layer";
      case FEED_FORWARD:
        return "feed-forward block";
      default:
        return trait.name();
    }
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String joined(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
