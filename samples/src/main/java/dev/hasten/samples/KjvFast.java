package dev.hasten.samples;

import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Muon;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.speedup.Alibi;

/**
 * The fast language-model recipe: {@link KjvBaseline}'s model, data, batch of 16 windows and
 * schedule, with two changes.
 *
 * <ul>
 *   <li>{@code @Muon}: orthogonalised momentum for the 16 hidden matrices at rate 0.02, AdamW at
 *       the baseline's rate and betas for the embeddings, gains and biases.
 *   <li>{@code @Alibi} with a training context of half the window: the attention is biased by
 *       distance instead of reading a position table, so the model trains on the first 64 tokens of
 *       each window (a step costs about half of a full one) and is evaluated on all 128.
 * </ul>
 *
 * <p>Each part's share, and the sequence speedups measured and left out (with a sequence-length
 * warm-up it reached the target no sooner, with gated linear units later), are in
 * docs/BENCHMARKS.md; the classes of that ablation are in {@code bench.KjvFastAblation}.
 */
@Pipeline(epochs = 8, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@Muon(adamLr = 1e-3, adamBeta2 = 0.99)
@CosineLr(warmupFraction = 0.05)
@Alibi(trainSequenceLengthScaling = 0.5)
public class KjvFast extends KjvBaseline {}
