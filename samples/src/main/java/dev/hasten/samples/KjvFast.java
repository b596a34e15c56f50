package dev.hasten.samples;

import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Muon;
import dev.hasten.dsl.Pipeline;

/**
 * The fast language-model recipe: {@link KjvBaseline}'s model, data, windows, batch and schedule,
 * trained with Muon (orthogonalised momentum for the 16 hidden matrices at rate 0.02, AdamW at the
 * baseline's rate and betas for the embeddings, gains and biases) instead of AdamW alone. The other
 * sequence speedups (@Alibi, @SeqLengthWarmup, @GatedLinearUnits) are not in it: their effect on
 * the time to a loss on this model is not yet measured.
 */
@Pipeline(epochs = 8, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@Muon(adamLr = 1e-3, adamBeta2 = 0.99)
@CosineLr(warmupFraction = 0.05)
public class KjvFast extends KjvBaseline {}
