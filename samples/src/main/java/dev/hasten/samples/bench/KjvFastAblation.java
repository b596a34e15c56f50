package dev.hasten.samples.bench;

import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Muon;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.speedup.Alibi;
import dev.hasten.dsl.speedup.GatedLinearUnits;
import dev.hasten.dsl.speedup.SeqLengthWarmup;
import dev.hasten.samples.KjvBaseline;

/**
 * {@code KjvFast} with one of its parts taken away, or one sequence speedup it leaves out added,
 * for the ablation in docs/BENCHMARKS.md. Each class differs from {@code KjvFast} in exactly the
 * part its name says and keeps its 8 epochs, batch, schedule and seed. One sweep runs them beside
 * the baseline's frontier:
 *
 * <pre>
 *   ./hasten frontier KjvFast KjvFastWithoutMuon KjvFastWithoutAlibi \
 *       KjvFastWithSeqLengthWarmup KjvFastWithGatedLinearUnits --baseline KjvBaseline \
 *       --budgets 4,8,16 --target-loss 1.45 --out runs/kjv-ablation
 * </pre>
 *
 * Nested classes in one file, since each is a handful of annotations on {@link KjvBaseline}; the
 * processor generates a trainer for each as for any pipeline.
 */
public final class KjvFastAblation {
  private KjvFastAblation() {}

  /** The baseline's AdamW for every parameter instead of Muon for the hidden matrices. */
  @Pipeline(epochs = 8, batchSize = 16)
  @LanguageModeling(sequenceLength = 128)
  @AdamW(lr = 1e-3, beta2 = 0.99, weightDecay = 0.1)
  @CosineLr(warmupFraction = 0.05)
  @Alibi(trainSequenceLengthScaling = 0.5)
  public static class KjvFastWithoutMuon extends KjvBaseline {}

  /** Learned positions and full 128-token training windows instead of ALiBi on half of them. */
  @Pipeline(epochs = 8, batchSize = 16)
  @LanguageModeling(sequenceLength = 128)
  @Muon(adamLr = 1e-3, adamBeta2 = 0.99)
  @CosineLr(warmupFraction = 0.05)
  public static class KjvFastWithoutAlibi extends KjvBaseline {}

  /** KjvFast with Composer's sequence-length warm-up (8 tokens growing over 30% of the run). */
  @Pipeline(epochs = 8, batchSize = 16)
  @LanguageModeling(sequenceLength = 128)
  @Muon(adamLr = 1e-3, adamBeta2 = 0.99)
  @CosineLr(warmupFraction = 0.05)
  @Alibi(trainSequenceLengthScaling = 0.5)
  @SeqLengthWarmup
  public static class KjvFastWithSeqLengthWarmup extends KjvBaseline {}

  /** KjvFast with its feed-forward layers made gated linear units of the same hidden width. */
  @Pipeline(epochs = 8, batchSize = 16)
  @LanguageModeling(sequenceLength = 128)
  @Muon(adamLr = 1e-3, adamBeta2 = 0.99)
  @CosineLr(warmupFraction = 0.05)
  @Alibi(trainSequenceLengthScaling = 0.5)
  @GatedLinearUnits
  public static class KjvFastWithGatedLinearUnits extends KjvBaseline {}
}
