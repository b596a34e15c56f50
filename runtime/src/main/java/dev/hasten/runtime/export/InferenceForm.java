package dev.hasten.runtime.export;

import ai.djl.nn.Block;
import dev.hasten.runtime.speedup.HalfPrecisionBlock;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;

/**
 * A trained Block tree as evaluation runs it, with what exists only for training taken out:
 *
 * <ul>
 *   <li>a {@link StochasticBranch} becomes a {@link ScaledBranch}: the branch scaled by its keep
 *       probability, with no per-step switch;
 *   <li>a {@link GhostBatchNormBlock} becomes its BatchNorm, which is what it runs in evaluation;
 *   <li>a {@link HalfPrecisionBlock} becomes the model it wraps, in float32 (its FP16 copies are
 *       made from the float32 weights at each call and are not saved): an exported model of a
 *       {@code @MixedPrecision} run computes in float32, which differs from the run's FP16
 *       evaluation by FP16 rounding.
 * </ul>
 *
 * <p>Every replacement keeps the parameters of what it replaces, in the same order, so the trained
 * tree's parameters map one to one onto the evaluation form's.
 */
final class InferenceForm {
  private InferenceForm() {}

  /** The evaluation form of a tree built but not yet initialised (edited in place where it can). */
  static Block of(Block model) {
    Block root = model instanceof HalfPrecisionBlock ? ((HalfPrecisionBlock) model).model() : model;
    return BlockRewriter.rewrite(root, "export", InferenceForm::replace);
  }

  private static Block replace(Block block) {
    if (block instanceof StochasticBranch) {
      StochasticBranch branch = (StochasticBranch) block;
      return new ScaledBranch(branch.branch(), branch.state().dropRate());
    }
    if (block instanceof GhostBatchNormBlock) {
      return ((GhostBatchNormBlock) block).batchNorm();
    }
    return block;
  }
}
