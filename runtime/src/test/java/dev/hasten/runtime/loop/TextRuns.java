package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.Tokenizer;

/**
 * Real language-model {@link Run}s, small enough for unit tests: the toy GPT on windows of {@value
 * #T} tokens of the embedded Book of Genesis, batches of {@value #BATCH}, AdamW under a cosine
 * schedule, driven by the generated loop's shape without speedups.
 */
final class TextRuns {
  static final int T = 16;
  static final int BATCH = 4;

  private TextRuns() {}

  static RunSpec spec(int epochs) {
    return spec(epochs, ByteTokens.VOCABULARY);
  }

  /** A spec whose model has {@code vocabulary} tokens. */
  static RunSpec spec(int epochs, int vocabulary) {
    return RunSpec.builder()
        .setPipeline("test.TinyKjv")
        .setEpochs(epochs)
        .setBatchSize(BATCH)
        .setClasses(vocabulary)
        .optSequenceLength(T)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .build();
  }

  /** {@code corpus}'s training text, {@code tokensPerEpoch} tokens an epoch. */
  static TextDataset train(Corpus corpus, long tokensPerEpoch) {
    return train(corpus, tokensPerEpoch, ByteTokens.TOKENIZER);
  }

  /** {@code corpus}'s training text in the tokens of {@code tokenizer}. */
  static TextDataset train(Corpus corpus, long tokensPerEpoch, Tokenizer tokenizer) {
    return TextDataset.builder()
        .setSplit(Split.TRAIN)
        .optCorpus(corpus)
        .optTokenizer(tokenizer)
        .optTokensPerEpoch(tokensPerEpoch)
        .build();
  }

  /** {@code corpus}'s validation text, at most {@code windows} windows. */
  static TextDataset eval(Corpus corpus, int windows) {
    return eval(corpus, windows, ByteTokens.TOKENIZER);
  }

  /** {@code corpus}'s validation text in the tokens of {@code tokenizer}. */
  static TextDataset eval(Corpus corpus, int windows, Tokenizer tokenizer) {
    return TextDataset.builder()
        .setSplit(Split.TEST)
        .optCorpus(corpus)
        .optTokenizer(tokenizer)
        .optWindowLimit(windows)
        .build();
  }

  /** A run on the embedded Book of Genesis, evaluated on {@code evalWindows} (0: none). */
  static Run open(NDManager manager, RunOptions options, RunSpec spec, int evalWindows) {
    return open(manager, options, spec, evalWindows, KjvCorpus.excerpt(null));
  }

  /** A run on {@code corpus}: 4 steps an epoch, evaluated on {@code evalWindows} (0: none). */
  static Run open(
      NDManager manager, RunOptions options, RunSpec spec, int evalWindows, Corpus corpus) {
    return open(manager, options, spec, evalWindows, corpus, ByteTokens.TOKENIZER);
  }

  /** A run on {@code corpus} in the tokens of {@code tokenizer}; the model has the spec's. */
  static Run open(
      NDManager manager,
      RunOptions options,
      RunSpec spec,
      int evalWindows,
      Corpus corpus,
      Tokenizer tokenizer) {
    AdamWOptimizer adamW =
        AdamWOptimizer.builder()
            .setLearningRate(1e-3)
            .optBeta1(0.9)
            .optBeta2(0.99)
            .optEpsilon(1e-8)
            .optWeightDecay(0.1)
            .build();
    return new Runs(options, manager)
        .open(
            spec,
            new Models().gpt(GptSize.TOY, spec.classes(), T),
            train(corpus, T * BATCH * 4L, tokenizer),
            evalWindows == 0 ? null : eval(corpus, evalWindows, tokenizer),
            adamW,
            new CosineSchedule(0.1));
  }

  /** The generated loop of a pipeline without speedups. */
  static RunResult fit(Run run) {
    for (int epoch : run.epochs()) {
      for (Step step : run.steps(epoch)) {
        PlainStep.train(run, step);
        run.endStep(step);
      }
      run.evaluate(epoch);
      run.endEpoch(epoch);
    }
    return run.finish();
  }
}
