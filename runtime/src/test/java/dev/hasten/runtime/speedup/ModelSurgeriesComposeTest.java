package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.speedup.surgery.BlurConv2d;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four model surgeries, applied one after another to one model, rewrite inside each other. */
class ModelSurgeriesComposeTest {
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
  void allFourSurgeriesStackOnTheResNetAndItStillTrains() {
    // TINY has 3 residual blocks, 9 BatchNorms, 4 blurrable strided convolutions (the stem has 1
    // input channel) and 1 convolution with 64 channels in and out (stage 3's second; its first
    // and its shortcut take 32 in). Each later surgery rewrites inside the
    // blocks of the earlier ones, and stochastic depth keeps control of its branches.
    Block resNet = models.resNet(ResNetSize.TINY, 10);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(resNet));
    StochasticDepthMethod depth = new StochasticDepthMethod(0.5, DropDistribution.UNIFORM);
    Block model = depth.apply(resNet, SurgeryFixtures.SPEC);
    model = new GhostBatchNormMethod(4).apply(model, SurgeryFixtures.SPEC);
    model = new BlurPoolMethod(true, true, true, 16).apply(model, SurgeryFixtures.SPEC);
    model = new SqueezeExciteMethod(0.125, 64).apply(model, SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(model, manager);

    List<StochasticBranch> branches = SurgeryFixtures.find(model, StochasticBranch.class);
    assertEquals(3, branches.size());
    for (int i = 0; i < 3; i++) {
      assertSame(depth.switches().get(i), branches.get(i).state());
    }
    assertEquals(9, SurgeryFixtures.find(model, GhostBatchNormBlock.class).size());
    assertEquals(4, BlurPoolMethod.blurCount(model));
    assertEquals(1, SurgeryFixtures.find(model, SqueezeExcite2d.class).size());
    assertEquals(before, ModelTraits.of(model));

    NDArray x = manager.randomNormal(new Shape(8, 1, 28, 28));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray logits = SurgeryFixtures.forward(model, manager, x, true);
      assertEquals(new Shape(8, 10), logits.getShape());
      collector.backward(logits.sum());
    }
    // The stem convolution's weights, ahead of every rewritten block, received a gradient.
    Parameter stem =
        model.getParameters().values().stream()
            .filter(p -> p.getType() == Parameter.Type.WEIGHT)
            .findFirst()
            .orElseThrow();
    assertTrue(stem.getArray().getGradient().abs().sum().getFloat() > 0);
  }

  @Test
  void aConvolutionBlurredAfterItRunsCannotTakeAGateInside() {
    // blurFirst = false runs the convolution itself at stride 1; a gate declared after it would
    // have to sit inside, so the message asks for the other order.
    Block blurred =
        new BlurPoolMethod(true, false, false, 16)
            .apply(models.resNet(ResNetSize.SMALL, 10), SurgeryFixtures.SPEC);
    assertTrue(SurgeryFixtures.find(blurred, BlurConv2d.class).size() > 0);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new SqueezeExciteMethod(0.125, 64).apply(blurred, SurgeryFixtures.SPEC));
    assertTrue(e.getMessage().contains("before @BlurPool"), e.getMessage());
  }
}
