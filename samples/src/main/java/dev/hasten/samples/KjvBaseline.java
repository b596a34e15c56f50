package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.text.ByteTokens;

/**
 * The language-model baseline: the catalog's toy GPT (4 layers, width 128, 4 heads) reading the
 * King James Bible byte by byte, windows of 128 tokens, 16 windows a step, AdamW under a cosine
 * schedule with a 5% warm-up. An epoch is 204,800 training tokens (100 steps), and each evaluation
 * reads 256 windows spread over the held-out text (docs/DATA.md), reporting validation loss in nats
 * and bits per character.
 *
 * <p>Without Debian's {@code bible-kjv} it trains on the embedded Book of Genesis, and says so;
 * {@code hasten train KjvBaseline --data FILE} trains the same recipe on the text in {@code FILE}.
 */
@Pipeline(epochs = 8, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@AdamW(lr = 1e-3, beta2 = 0.99, weightDecay = 0.1)
@CosineLr(warmupFraction = 0.05)
public class KjvBaseline {
  /** Training tokens per epoch: 100 steps of 16 windows of 128 tokens. */
  public static final long TOKENS_PER_EPOCH = 204_800;

  /** Validation windows per evaluation. */
  public static final int EVAL_WINDOWS = 256;

  @Model(traits = {Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD})
  public Block model(Models models) {
    return models.gpt(GptSize.TOY, ByteTokens.VOCABULARY, 128);
  }

  @TrainData
  public Dataset train(Datasets data) {
    return data.textBuilder(Split.TRAIN).optTokensPerEpoch(TOKENS_PER_EPOCH).build();
  }

  @EvalData
  public Dataset eval(Datasets data) {
    return data.textBuilder(Split.TEST).optWindowLimit(EVAL_WINDOWS).build();
  }
}
