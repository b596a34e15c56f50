package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;

/** The toy GPT of the catalog on byte tokens, for the transformer speedups' tests. */
final class TinyGpt {
  static final int VOCABULARY = 256;

  private TinyGpt() {}

  /** The toy GPT (4 layers, width 128, 4 heads) over {@code context} tokens, uninitialised. */
  static Block build(int context) {
    return new Models().gpt(GptSize.TOY, VOCABULARY, context);
  }

  /** A language model's spec, windows of {@code length} tokens. */
  static RunSpec spec(int length) {
    return RunSpec.builder()
        .setPipeline("test.Gpt")
        .setBatchSize(2)
        .setClasses(VOCABULARY)
        .optSequenceLength(length)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .build();
  }

  static void initialise(Block model, NDManager manager, int length) {
    model.initialize(manager, DataType.FLOAT32, new Shape(1, length));
  }

  static NDArray logits(Block model, NDManager manager, NDArray tokens) {
    return model
        .forward(new ParameterStore(manager, false), new NDList(tokens), false)
        .singletonOrThrow();
  }

  static long parameterCount(Block model) {
    long count = 0;
    for (Parameter p : model.getParameters().values()) {
      count += p.getArray().size();
    }
    return count;
  }
}
