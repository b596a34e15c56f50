package dev.hasten.runtime.speedup.surgery;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * A block whose forward pass differs in training only because of a training-time speedup, and that
 * can compute in a training pass what it computes in evaluation: its evaluation form. For
 * re-estimating BatchNorm statistics, where BatchNorm must measure each batch (training mode) but
 * the network measured must be the one evaluation runs.
 *
 * <p>In its evaluation form the block's children still run in training mode, so their BatchNorm
 * layers measure; only the block's own training-time change is undone (a {@link StochasticBranch}
 * runs its branch, scaled, whatever its switch says). Blocks whose training form is how their
 * statistics are measured (ghost batch normalisation) do not implement this.
 *
 * <p>A flag on the block rather than a forward-pass argument: DJL's {@code SequentialBlock} does
 * not pass its {@code params} on to its children.
 */
public interface EvaluationForm extends Block {
  /** Turns the evaluation form of training passes on or off (off when built). */
  void useEvaluationForm(boolean use);

  /**
   * Turns the evaluation form on in every block of {@code model}'s tree that has one, until the
   * returned scope is closed.
   */
  static Scope everywhere(Block model) {
    List<EvaluationForm> found = new ArrayList<>();
    collect(model, found);
    found.forEach(block -> block.useEvaluationForm(true));
    return new Scope(found);
  }

  private static void collect(Block block, List<EvaluationForm> found) {
    if (block instanceof EvaluationForm) {
      found.add((EvaluationForm) block);
    }
    for (Block child : block.getChildren().values()) {
      collect(child, found);
    }
  }

  /** The blocks {@link #everywhere} turned on; closing turns them off. */
  final class Scope implements AutoCloseable {
    private final List<EvaluationForm> blocks;

    private Scope(List<EvaluationForm> blocks) {
      this.blocks = blocks;
    }

    @Override
    public void close() {
      blocks.forEach(block -> block.useEvaluationForm(false));
    }
  }
}
