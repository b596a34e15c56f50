package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * A gated feed-forward (GLU, Dauphin et al. 2017; the GEGLU of Shazeer 2020): {@code
 * projection(GELU(x·W_gate) ⊙ (x·W_up))}, a GELU-activated half gating a linear half, element by
 * element, then a Linear back to the width. Maps {@code [batch, T, width]} to the same shape.
 * Trait: FEED_FORWARD.
 */
public final class GatedFeedForward extends AbstractBlock implements TraitedBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int hidden;
  private final Linear gate;
  private final Linear up;
  private final Linear projection;

  /**
   * @param width the width of the residual stream
   * @param hidden the width of the gated hidden layer
   * @param gateBias whether the gate's Linear has a bias
   * @param upBias whether the linear half's Linear has a bias
   */
  public GatedFeedForward(int width, int hidden, boolean gateBias, boolean upBias) {
    super(VERSION);
    if (width < 1 || hidden < 1) {
      throw new IllegalArgumentException("a GLU of width " + width + " and hidden " + hidden);
    }
    this.width = width;
    this.hidden = hidden;
    gate = addChildBlock("gate", Linear.builder().setUnits(hidden).optBias(gateBias).build());
    up = addChildBlock("up", Linear.builder().setUnits(hidden).optBias(upBias).build());
    projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
  }

  /**
   * A GLU in the place of {@code feedForward}, with a hidden layer of {@code hidden}, initialised
   * as it would have been: gate and linear half as its first Linear, the projection back to the
   * width as its last.
   */
  public static GatedFeedForward replacing(
      FeedForward feedForward, int hidden, boolean gateBias, boolean upBias) {
    GatedFeedForward glu = new GatedFeedForward(feedForward.width(), hidden, gateBias, upBias);
    Initializer into = weightInitializer(feedForward.expansion());
    Initializer back = weightInitializer(feedForward.projection());
    if (into != null) {
      glu.gate.setInitializer(into, Parameter.Type.WEIGHT);
      glu.up.setInitializer(into, Parameter.Type.WEIGHT);
    }
    if (back != null) {
      glu.projection.setInitializer(back, Parameter.Type.WEIGHT);
    }
    return glu;
  }

  private static Initializer weightInitializer(Linear linear) {
    return linear.getParameters().get("weight").getInitializer();
  }

  public int width() {
    return width;
  }

  /** The width of the gated hidden layer. */
  public int hidden() {
    return hidden;
  }

  /** The Linear whose GELU gates: {@code W_gate}. */
  public Linear gate() {
    return gate;
  }

  /** The linear half: {@code W_up}. */
  public Linear up() {
    return up;
  }

  /** The Linear that writes the result into the residual stream: {@code W_out}. */
  public Linear projection() {
    return projection;
  }

  @Override
  public Set<Trait> traits() {
    return Set.of(Trait.FEED_FORWARD);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray gated = Activation.gelu(gate.forward(store, inputs, training).singletonOrThrow());
    NDArray linear = up.forward(store, inputs, training).singletonOrThrow();
    return projection.forward(store, new NDList(gated.mul(linear)), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape input = inputShapes[0];
    gate.initialize(manager, dataType, input);
    up.initialize(manager, dataType, input);
    Shape hiddenShape = input.slice(0, input.dimension() - 1).add(hidden);
    projection.initialize(manager, dataType, hiddenShape);
  }

  @Override
  public String toString() {
    return String.format("GatedFeedForward(width %d, hidden %d)", width, hidden);
  }
}
