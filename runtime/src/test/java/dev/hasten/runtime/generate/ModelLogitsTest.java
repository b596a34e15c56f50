package dev.hasten.runtime.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.text.ByteTokens;
import org.junit.jupiter.api.Test;

/** The logits generation reads from a real (untrained) GPT. */
class ModelLogitsTest {
  static final int CONTEXT = 8;

  private static Model gpt() {
    Engine.getInstance().setRandomSeed(5);
    Model model = Model.newInstance("gpt");
    Block block = new Models().gpt(GptSize.TOY, 256, CONTEXT);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, CONTEXT));
    model.setBlock(block);
    return model;
  }

  @Test
  void theyAreTheLastPositionsOfTheForwardPassAndLeaveNoArrayBehind() {
    try (Model model = gpt()) {
      int[] window = ByteTokens.encode("In the be");
      window = java.util.Arrays.copyOfRange(window, 1, window.length); // 8 tokens, the context
      float[] expected;
      try (NDManager m = model.getNDManager().newSubManager()) {
        long[] ids = java.util.Arrays.stream(window).asLongStream().toArray();
        NDArray all =
            model
                .getBlock()
                .forward(
                    new ParameterStore(m, false),
                    new NDList(m.create(ids, new Shape(1, ids.length))),
                    false)
                .singletonOrThrow();
        assertEquals(new Shape(1, CONTEXT, 256), all.getShape());
        expected = all.get(new NDIndex("0, " + (CONTEXT - 1))).toFloatArray();
      }
      int alive = model.getNDManager().getManagedArrays().size();
      ModelLogits logits = new ModelLogits(model);
      assertArrayEquals(expected, logits.after(window), 0f);
      for (int i = 0; i < 20; i++) {
        logits.after(window);
      }
      assertEquals(alive, model.getNDManager().getManagedArrays().size());
    }
  }

  @Test
  void theSameSeedGivesTheSameText() {
    try (Model model = gpt()) {
      TextGenerator generator = new TextGenerator(new ModelLogits(model), 256, CONTEXT);
      int[] prompt = ByteTokens.encode("And God");
      int[] a = generator.continueFrom(prompt, 20, new TokenSampler(0.8, 40, 3));
      int[] b = generator.continueFrom(prompt, 20, new TokenSampler(0.8, 40, 3));
      assertArrayEquals(a, b);
      assertEquals(27, a.length);
    }
  }
}
