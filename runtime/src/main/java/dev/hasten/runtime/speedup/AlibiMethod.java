package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.Alibi;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.CausalSelfAttention;
import dev.hasten.runtime.model.TokenEmbedding;
import java.util.function.Consumer;

/**
 * {@link Alibi} (Press et al. 2022, as Composer's {@code Alibi}). What runs where:
 *
 * <ul>
 *   <li>MODEL_SURGERY: every {@link CausalSelfAttention} biases its scores by distance ({@link
 *       CausalSelfAttention#linearBiases}), and every {@link TokenEmbedding} drops its position
 *       table. Both are edits in place, before initialisation, replayed as they are on a fresh
 *       model when a run is exported.
 *   <li>BATCH: each training step's windows are cut to {@code ⌊trainSequenceLengthScaling ×
 *       sequenceLength⌋} tokens ({@link Step#truncateSequences}); evaluation keeps the full length,
 *       which the biases let the model read although it trained on shorter windows.
 * </ul>
 *
 * <p>Where it deliberately differs from Composer:
 *
 * <ul>
 *   <li>The position table is removed, parameter and all. Composer zeroes it and stops its gradient
 *       (so the model stays loadable by code that expects one); here a rebuilt model replays the
 *       surgery, so nothing needs the table, and the optimizer and checkpoints carry no dead
 *       parameter. The model's output is the same: a zero table adds nothing.
 *   <li>The bias is the paper's {@code −m_h·(i − j)} for each query {@code i}. Composer adds {@code
 *       m_h·j}, the same in every row, which differs by the row's constant {@code m_h·i} and so
 *       gives the same softmax.
 *   <li>Composer keeps the tokens of a batch and reshapes {@code [B, T]} into {@code [B/s, s·T]}.
 *       Here the windows are cut to their first {@code s·T} tokens and the rest of each window is
 *       not trained on: the step costs about {@code s} of a full one. Training windows are drawn
 *       afresh every step, so no part of the text is skipped for good.
 *   <li>Only the catalog's attention is biased; Composer patches Hugging Face's GPT-2 and BERT. A
 *       model with DJL's own attention blocks is refused rather than left unchanged.
 * </ul>
 *
 * <p>If another speedup has already cut a step's windows shorter (a sequence-length warm-up), that
 * step keeps its shorter windows.
 */
public final class AlibiMethod implements ModelSurgery, BatchTransform {
  private final double trainSequenceLengthScaling;
  private long trainLength;

  /** From the pipeline's annotation. */
  public AlibiMethod(Alibi config) {
    this(config.trainSequenceLengthScaling());
  }

  /**
   * @param trainSequenceLengthScaling the fraction of the window trained on, in (0, 1]
   */
  public AlibiMethod(double trainSequenceLengthScaling) {
    if (!(trainSequenceLengthScaling > 0 && trainSequenceLengthScaling <= 1)) {
      throw new IllegalArgumentException(
          "Alibi trainSequenceLengthScaling must be in (0, 1], got " + trainSequenceLengthScaling);
    }
    this.trainSequenceLengthScaling = trainSequenceLengthScaling;
  }

  /**
   * @throws InvalidInputException if the model has no {@link CausalSelfAttention}, or the training
   *     windows would be cut to no token
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    int[] biased = {0};
    visit(
        model,
        block -> {
          if (block instanceof CausalSelfAttention) {
            ((CausalSelfAttention) block).useLinearBiases();
            biased[0]++;
          } else if (block instanceof TokenEmbedding) {
            ((TokenEmbedding) block).dropPositions();
          }
        });
    if (biased[0] == 0) {
      throw new InvalidInputException(
          "@Alibi found no CausalSelfAttention to bias (it biases the model catalog's gpt"
              + " attention only); remove @Alibi or build the model with Models.gpt");
    }
    if (spec.isSequenceTask()) {
      trainLength = trainLength(spec.sequenceLength());
    }
    return model;
  }

  /**
   * {@code ⌊s × length⌋} tokens, Composer's rounding.
   *
   * @throws InvalidInputException if that is no token at all
   */
  long trainLength(int sequenceLength) {
    long length = (long) Math.floor(trainSequenceLengthScaling * sequenceLength);
    if (length < 1) {
      throw new InvalidInputException(
          String.format(
              "@Alibi(trainSequenceLengthScaling = %s) cuts windows of %d tokens to none; raise it"
                  + " to at least 1/%d",
              trainSequenceLengthScaling, sequenceLength, sequenceLength));
    }
    return length;
  }

  @Override
  public void transformBatch(Step step) {
    if (trainLength == 0) {
      throw new IllegalStateException("MODEL_SURGERY did not run on a language model");
    }
    if (trainLength < step.inputs().getShape().get(1)) {
      step.truncateSequences(trainLength);
    }
  }

  private static void visit(Block block, Consumer<Block> action) {
    action.accept(block);
    for (Block child : block.getChildren().values()) {
      visit(child, action);
    }
  }
}
