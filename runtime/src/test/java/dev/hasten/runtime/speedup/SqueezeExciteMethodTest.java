package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqueezeExciteMethodTest {
  private final Models models = new Models();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void gateRescalesEachChannelBySigmoidOfTheSqueezedMlp() {
    // Two channels, constant 1 and 3 over 2×2: the squeeze (spatial mean) is [1, 3]. With
    // W₁ = [1 1] the latent is relu(1 + 3) = 4; with W₂ = [1; −1] the gates are σ(4) = 0.98201
    // and σ(−4) = 0.01799. Channel 0 becomes 1·0.98201, channel 1 becomes 3·0.01799 = 0.05396.
    SqueezeExcite2d gate = new SqueezeExcite2d(2, 1);
    gate.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2, 2));
    List<Linear> linears = SurgeryFixtures.find(gate, Linear.class);
    weightOf(linears.get(0))
        .set(new NDIndex(":"), manager.create(new float[] {1, 1}, new Shape(1, 2)));
    weightOf(linears.get(1))
        .set(new NDIndex(":"), manager.create(new float[] {1, -1}, new Shape(2, 1)));
    NDArray x = manager.create(new float[] {1, 1, 1, 1, 3, 3, 3, 3}, new Shape(1, 2, 2, 2));
    float[] out = SurgeryFixtures.forward(gate, manager, x, false).toFloatArray();
    double g0 = 1 / (1 + Math.exp(-4));
    double g1 = 1 / (1 + Math.exp(4));
    float[] expected = new float[8];
    for (int i = 0; i < 4; i++) {
      expected[i] = (float) g0;
      expected[4 + i] = (float) (3 * g1);
    }
    assertArrayEquals(expected, out, 1e-6f);
  }

  private static NDArray weightOf(Linear linear) {
    for (Parameter parameter : linear.getDirectParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT) {
        return parameter.getArray();
      }
    }
    throw new AssertionError("no weight");
  }

  @Test
  void latentSizeIsAFractionBelowOneAndACountFromOne() {
    assertEquals(8, SqueezeExcite2d.latentSize(0.125, 64));
    assertEquals(16, SqueezeExcite2d.latentSize(0.125, 128));
    assertEquals(64, SqueezeExcite2d.latentSize(64, 128));
    assertEquals(1, SqueezeExcite2d.latentSize(0.01, 16), "never 0");
  }

  @Test
  void aConvolutionIsGatedWhenBothItsInputAndOutputChannelsReachMinChannels() {
    // Composer's rule, min(in, out) ≥ minChannels. SMALL at 64: the stem (1 → 32) and stage 1
    // (32 → 32) are too narrow; stage 2's first 3×3 convolution and its 1×1 shortcut take 32
    // channels in (32 → 64), so only its second (64 → 64) is gated; stage 3's two 3×3
    // convolutions (64 → 128, 128 → 128) and its shortcut (64 → 128) are: 4 gates. Counting
    // output channels alone would gate 6.
    Block resNet = models.resNet(ResNetSize.SMALL, 10);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(resNet));
    Block gated = new SqueezeExciteMethod(0.125, 64).apply(resNet, SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(gated, manager);
    assertEquals(4, SurgeryFixtures.find(gated, SqueezeExcite2d.class).size());
    assertEquals(4, SqueezeExciteMethod.gateCount(gated));
    assertEquals(before, ModelTraits.of(gated));
    assertEquals(new Shape(2, 10), SurgeryFixtures.outputShape(gated, manager, 2, true));
  }

  @Test
  void theBaselineCnnsFirstConvolutionTakesOneChannelInAndIsNotGated() {
    // conv 1 → 32, conv 32 → 64: at minChannels 32 only the second has 32 on both sides.
    Block gated =
        new SqueezeExciteMethod(0.125, 32).apply(models.baselineCnn(10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(gated, manager);
    assertEquals(1, SqueezeExciteMethod.gateCount(gated));
    List<SqueezeExcite2d> gates = SurgeryFixtures.find(gated, SqueezeExcite2d.class);
    assertEquals(1, gates.size());
    assertEquals(new Shape(3, 10), SurgeryFixtures.outputShape(gated, manager, 3, true));
  }

  @Test
  void aModelWithNoConvolutionWideEnoughOnBothSidesGatesNothing() {
    // The baseline CNN at the default 64: its 64-filter convolution takes 32 channels in. The
    // count is what FIT_START refuses the run on.
    Block gated =
        new SqueezeExciteMethod(0.125, 64).apply(models.baselineCnn(10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(gated, manager);
    assertEquals(0, SqueezeExciteMethod.gateCount(gated));
    assertEquals(0, SurgeryFixtures.find(gated, SqueezeExcite2d.class).size());
  }
}
