package dev.hasten.runtime.speedup.surgery;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.DecoderBlock;
import dev.hasten.runtime.model.ResidualBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Rewrites a Block tree before initialisation, bottom-up: every block's children are rewritten
 * first, then the block itself is offered to a replacement function, which returns it unchanged or
 * returns what takes its place. The walk visits blocks in forward order for sequential models (a
 * child before the next child), so replacements that number blocks number them from the input.
 *
 * <p>How a block gets new children:
 *
 * <ul>
 *   <li>a {@link SequentialBlock} is edited in place (same object), so that a parent this class
 *       cannot rebuild, such as a {@code ParallelBlock} whose join function cannot be read, still
 *       holds it;
 *   <li>a {@link ResidualBlock}, a {@link DecoderBlock} or a {@link RebuildableBlock} is rebuilt
 *       around them;
 *   <li>any other block with a replaced child is an error naming both, rather than a silently
 *       skipped layer.
 * </ul>
 */
public final class BlockRewriter {
  private final String speedup;
  private final UnaryOperator<Block> replacement;

  private BlockRewriter(String speedup, UnaryOperator<Block> replacement) {
    this.speedup = speedup;
    this.replacement = replacement;
  }

  /**
   * The tree {@code root} with every block replaced as {@code replacement} says.
   *
   * @param speedup the speedup rewriting, for error messages, e.g. {@code "@BlurPool"}
   * @param replacement the block itself when it stays, else its replacement
   * @throws InvalidInputException if a replaced block sits inside a block that cannot be rebuilt
   */
  public static Block rewrite(Block root, String speedup, UnaryOperator<Block> replacement) {
    return new BlockRewriter(speedup, replacement).visit(root);
  }

  /**
   * The tree {@code root} with every block that {@code matches} replaced as {@code replacement}
   * says; a model with none is refused, since the speedup would leave it unchanged.
   *
   * @param speedup the speedup rewriting, for error messages, e.g. {@code "@GhostBatchNorm"}
   * @param none the refusal's message when no block matches
   * @throws InvalidInputException if no block matches, or a replaced block sits inside a block that
   *     cannot be rebuilt
   */
  public static Block replaceEvery(
      Block root,
      String speedup,
      Predicate<Block> matches,
      UnaryOperator<Block> replacement,
      String none) {
    int[] replaced = {0};
    Block result =
        rewrite(
            root,
            speedup,
            block -> {
              if (!matches.test(block)) {
                return block;
              }
              replaced[0]++;
              return replacement.apply(block);
            });
    if (replaced[0] == 0) {
      throw new InvalidInputException(none);
    }
    return result;
  }

  /** Replaces the children of {@code sequential} by {@code children}, keeping the object. */
  public static void replaceChildren(SequentialBlock sequential, List<Block> children) {
    int count = sequential.getChildren().size();
    for (int i = 0; i < count; i++) {
      sequential.removeLastBlock();
    }
    sequential.addAll(children);
  }

  private Block visit(Block block) {
    return replacement.apply(withRewrittenChildren(block));
  }

  private Block withRewrittenChildren(Block block) {
    List<Block> children = block.getChildren().values();
    if (children.isEmpty()) {
      return block;
    }
    List<Block> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (Block child : children) {
      Block next = visit(child);
      changed |= next != child;
      rewritten.add(next);
    }
    if (!changed) {
      return block;
    }
    if (block instanceof SequentialBlock) {
      replaceChildren((SequentialBlock) block, rewritten);
      return block;
    }
    if (block instanceof ResidualBlock) {
      return new ResidualBlock(rewritten.get(0), rewritten.get(1));
    }
    if (block instanceof DecoderBlock) {
      return ((DecoderBlock) block).withChildren(rewritten);
    }
    if (block instanceof RebuildableBlock) {
      return ((RebuildableBlock) block).withChildren(rewritten);
    }
    Block replaced = null;
    for (int i = 0; i < children.size(); i++) {
      if (rewritten.get(i) != children.get(i)) {
        replaced = children.get(i);
        break;
      }
    }
    throw new InvalidInputException(
        String.format(
            "%s must replace a %s inside a %s, which it cannot rebuild; put that layer in a"
                + " SequentialBlock (edited in place) or remove %s",
            speedup,
            replaced.getClass().getSimpleName(),
            block.getClass().getSimpleName(),
            speedup));
  }
}
