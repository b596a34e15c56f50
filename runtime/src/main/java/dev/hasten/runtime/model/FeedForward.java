package dev.hasten.runtime.model;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * A transformer's position-wise feed-forward: Linear to {@code 4·width} → GELU (the exact, erf
 * form, as nanoGPT's {@code nn.GELU()}) → Linear back to {@code width}. A SequentialBlock, so model
 * surgery can replace it whole. Trait: FEED_FORWARD.
 */
public final class FeedForward extends SequentialBlock implements TraitedBlock {
  private final int width;
  private final Linear expansion;
  private final Linear projection;

  FeedForward(int width) {
    this.width = width;
    expansion = Linear.builder().setUnits(4L * width).build();
    add(expansion);
    add(Activation.geluBlock());
    projection = Linear.builder().setUnits(width).build();
    add(projection);
  }

  /** The width it reads from and writes back to the residual stream. */
  public int width() {
    return width;
  }

  /** The width of its hidden layer, {@code 4·width}. */
  public int hidden() {
    return 4 * width;
  }

  /** The Linear into the hidden layer. */
  Linear expansion() {
    return expansion;
  }

  /** The Linear that writes the result into the residual stream. */
  Linear projection() {
    return projection;
  }

  @Override
  public Set<Trait> traits() {
    return Set.of(Trait.FEED_FORWARD);
  }
}
