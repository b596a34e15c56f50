package dev.hasten.runtime.generate;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A language model's next-token logits from its Block: the window as int64 {@code [1, T]} tokens,
 * one forward pass in inference mode, the logits {@code [1, T, V]} of the last position.
 *
 * <p>Each pass runs in an {@link NDScope}, so every array it makes is freed when it returns, also
 * those a block attaches to its parameters' manager rather than to the input's.
 */
public final class ModelLogits implements TextGenerator.NextTokenLogits {
  private final Model model;

  /** The logits of {@code model}, a language model as {@code HastenModel.load} returns it. */
  public ModelLogits(Model model) {
    this.model = model;
  }

  @Override
  public float[] after(int[] window) {
    long[] ids = new long[window.length];
    for (int i = 0; i < window.length; i++) {
      ids[i] = window[i];
    }
    try (NDScope scope = new NDScope();
        NDManager pass = model.getNDManager().newSubManager()) {
      NDArray tokens = pass.create(ids, new Shape(1, ids.length));
      NDArray logits =
          model
              .getBlock()
              .forward(new ParameterStore(pass, false), new NDList(tokens), false)
              .singletonOrThrow();
      return logits.get(new NDIndex("0, -1")).toFloatArray();
    }
  }
}
