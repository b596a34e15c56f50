package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.GatedLinearUnits;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.FeedForward;
import dev.hasten.runtime.model.GatedFeedForward;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;

/**
 * {@link GatedLinearUnits} (Shazeer 2020, as Composer's {@code apply_gated_linear_units}): before
 * initialisation, every {@link FeedForward} becomes a {@link GatedFeedForward}: {@code
 * W_out(GELU(x·W_gate) ⊙ (x·W_up))}, the activation being the feed-forward's own (GELU), the gate
 * and the linear half without biases by default, the projection back with its bias, as Composer
 * builds it. The new Linears start as the ones they replace would have (nanoGPT's normal
 * initialisation, the projection scaled by depth).
 *
 * <p>The hidden width is {@code round(hiddenFraction × 4·width)}. Composer's code keeps the
 * replaced layer's width (fraction 1: weights of 12d² in place of 8d², 50% more, in each
 * feed-forward); its notes and Shazeer scale it by 2/3 to keep the parameter count, which is {@code
 * hiddenFraction = 2/3} here.
 *
 * <p>Where it deliberately differs from Composer: Composer's policy rewrites Hugging Face's BERT
 * (whose feed-forward output also holds the residual join and a post-LayerNorm); here the catalog's
 * pre-LayerNorm GPT feed-forward, whose residual join stays in the {@code DecoderBlock}. A model
 * without one is refused rather than left unchanged.
 */
public final class GatedLinearUnitsMethod implements ModelSurgery {
  private final double hiddenFraction;
  private final boolean gateBias;
  private final boolean upBias;

  /** From the pipeline's annotation. */
  public GatedLinearUnitsMethod(GatedLinearUnits config) {
    this(config.hiddenFraction(), config.gatedLayerBias(), config.nonGatedLayerBias());
  }

  /**
   * @param hiddenFraction the GLU's hidden width as a fraction of the replaced one's, above 0
   * @param gateBias whether the gate's Linear has a bias
   * @param upBias whether the linear (non-gated) half's Linear has a bias
   */
  public GatedLinearUnitsMethod(double hiddenFraction, boolean gateBias, boolean upBias) {
    if (!(hiddenFraction > 0)) {
      throw new IllegalArgumentException(
          "GatedLinearUnits hiddenFraction must be > 0, got " + hiddenFraction);
    }
    this.hiddenFraction = hiddenFraction;
    this.gateBias = gateBias;
    this.upBias = upBias;
  }

  /**
   * The GLU's hidden width in place of a feed-forward whose hidden layer is {@code hidden} wide.
   */
  int hidden(int hidden) {
    return (int) Math.max(1, Math.round(hiddenFraction * hidden));
  }

  /**
   * @throws InvalidInputException if the model has no {@link FeedForward} to replace
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    return BlockRewriter.replaceEvery(
        model,
        "@GatedLinearUnits",
        block -> block instanceof FeedForward,
        block -> {
          FeedForward feedForward = (FeedForward) block;
          return GatedFeedForward.replacing(
              feedForward, hidden(feedForward.hidden()), gateBias, upBias);
        },
        "@GatedLinearUnits found no FeedForward to replace (it replaces the model catalog's gpt"
            + " feed-forward only); remove @GatedLinearUnits or build the model with Models.gpt");
  }
}
