package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.speedup.surgery.Blur2d;
import dev.hasten.runtime.speedup.surgery.BlurConv2d;
import dev.hasten.runtime.speedup.surgery.MaxPoolShape;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlurPoolMethodTest {
  /** The binomial filter [1 2 1]ᵀ[1 2 1] / 16 as a 1×1×3×3 array. */
  private static final float[] K = {1, 2, 1, 2, 4, 2, 1, 2, 1};

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

  private NDArray filter() {
    return manager.create(K, new Shape(1, 1, 3, 3)).div(16);
  }

  @Test
  void blurOfAnImpulseIsTheBinomialKernelAroundIt() {
    // A 1 at (2, 2) of a 5×5 image: each output pixel within one of it receives the kernel's
    // weight for that offset (the kernel is symmetric, so no flip matters): 4/16 at the centre,
    // 2/16 beside it, 1/16 on the diagonals; everything further away stays 0.
    float[] image = new float[25];
    image[2 * 5 + 2] = 1;
    NDArray blurred = Blur2d.blur(manager.create(image, new Shape(1, 1, 5, 5)), filter(), 1);
    float[] expected = new float[25];
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        expected[(2 + dy) * 5 + 2 + dx] = K[(dy + 1) * 3 + dx + 1] / 16f;
      }
    }
    assertEquals(new Shape(1, 1, 5, 5), blurred.getShape());
    assertArrayEquals(expected, blurred.toFloatArray(), 1e-7f);
  }

  @Test
  void blurOfOnesAtStrideTwoLosesTheWeightThatFallsOnThePadding() {
    // A 4×4 image of ones, zero-padded by 1, blurred at stride 2: outputs sit at (0,0), (0,2),
    // (2,0), (2,2) of the image, giving a 2×2 result ((4 − 1) / 2 + 1 = 2). At the corner (0,0)
    // only the kernel's lower-right 2×2 lies on the image: (4 + 2 + 2 + 1)/16 = 9/16. At (0,2) the
    // kernel's lower two rows: (2 + 4 + 2 + 1 + 2 + 1)/16 = 12/16; (2,0) likewise by symmetry;
    // (2,2) is interior: 16/16.
    NDArray ones = manager.ones(new Shape(1, 1, 4, 4));
    NDArray blurred = Blur2d.blur(ones, filter(), 2);
    assertEquals(new Shape(1, 1, 2, 2), blurred.getShape());
    assertArrayEquals(new float[] {9 / 16f, 12 / 16f, 12 / 16f, 1f}, blurred.toFloatArray(), 1e-7f);
  }

  @Test
  void everyChannelIsBlurredOnItsOwn() {
    // Two examples × two channels of constants 1, 2, 3, 4: the interior of a 3×3 image keeps its
    // constant, since the kernel sums to 1 and does not mix channels.
    NDArray x = manager.arange(1f, 5f).reshape(2, 2, 1, 1).broadcast(new Shape(2, 2, 3, 3));
    NDArray blurred = Blur2d.blur(x, filter(), 1);
    float[] centre = blurred.get(":, :, 1, 1").toFloatArray();
    assertArrayEquals(new float[] {1, 2, 3, 4}, centre, 1e-6f);
  }

  @Test
  void maxPoolSettingsAreReadFromTheBlockItself() {
    assertEquals(new MaxPoolShape(2, 2, 0), MaxPoolShape.of(Pool.maxPool2dBlock(new Shape(2, 2))));
    assertEquals(
        new MaxPoolShape(3, 2, 1),
        MaxPoolShape.of(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))));
  }

  @Test
  void ceilModeMaxPoolIsRefused() {
    Block ceil = Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true);
    assertThrows(InvalidInputException.class, () -> MaxPoolShape.of(ceil));
  }

  @Test
  void blurredMaxPoolTakesTheDenseMaximumThenBlursWithTheStride() {
    // Image x(y, x) = 4y + x on 4×4; the original 2×2 max-pool of stride 2 gives 2×2. Dense 2×2
    // maxima (stride 1) are m(i, j) = x(i + 1, j + 1): [[5 6 7] [9 10 11] [13 14 15]]. The blur of
    // stride 2 samples m at (0,0), (0,2), (2,0), (2,2), zero-padded:
    //   (0,0): (4·5 + 2·6 + 2·9 + 1·10)/16 = 60/16
    //   (0,2): (2·6 + 4·7 + 1·10 + 2·11)/16 = 72/16
    //   (2,0): (2·9 + 1·10 + 4·13 + 2·14)/16 = 108/16
    //   (2,2): (1·10 + 2·11 + 2·14 + 4·15)/16 = 120/16
    Block pool =
        BlurPoolMethod.blurredMaxPool(MaxPoolShape.of(Pool.maxPool2dBlock(new Shape(2, 2))));
    pool.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
    NDArray x = manager.arange(16f).reshape(1, 1, 4, 4);
    NDArray out = SurgeryFixtures.forward(pool, manager, x, false);
    assertEquals(new Shape(1, 1, 2, 2), out.getShape());
    assertArrayEquals(
        new float[] {60 / 16f, 72 / 16f, 108 / 16f, 120 / 16f}, out.toFloatArray(), 1e-5f);
  }

  @Test
  void convolutionRunAtStrideOneAndBlurredEqualsTheBlurWhenTheConvolutionIsTheIdentity() {
    // A 1×1 convolution of weight 1 and stride 2 with blurFirst = false: the convolution at stride
    // 1 is the identity, so the block's output is exactly the stride-2 blur of the input, the
    // 9/16, 12/16, 12/16, 1 of a 4×4 image of ones.
    Conv2d conv =
        Conv2d.builder()
            .setKernelShape(new Shape(1, 1))
            .optStride(new Shape(2, 2))
            .setFilters(1)
            .optBias(false)
            .build();
    conv.setInitializer(Initializer.ONES, p -> true);
    BlurConv2d blurred = BlurConv2d.of(conv, false, 1);
    blurred.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
    assertTrue(blurred.isBlurring());
    NDArray out =
        SurgeryFixtures.forward(blurred, manager, manager.ones(new Shape(1, 1, 4, 4)), true);
    assertArrayEquals(new float[] {9 / 16f, 12 / 16f, 12 / 16f, 1f}, out.toFloatArray(), 1e-6f);
  }

  @Test
  void baselineCnnGetsBothMaxPoolsBlurredAndKeepsItsShapesAndTraits() {
    Block cnn = models.baselineCnn(10);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(cnn));
    Block blurred = new BlurPoolMethod(true, true, true, 16).apply(cnn, SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(blurred, manager);
    assertEquals(2, SurgeryFixtures.find(blurred, Blur2d.class).size());
    assertEquals(2, BlurPoolMethod.blurCount(blurred));
    assertEquals(before, ModelTraits.of(blurred));
    assertEquals(new Shape(3, 10), SurgeryFixtures.outputShape(blurred, manager, 3, true));
  }

  @Test
  void resNetStemIsLeftAloneButStridedConvolutionsWithSixteenInputChannelsAreBlurred() {
    // TINY: the stem (1 input channel, stride 2) stays plain; stages 2 and 3 each start with a
    // stride-2 3×3 convolution and a stride-2 1×1 shortcut, on 16 and 32 input channels: 4 blurs.
    Block resNet = models.resNet(ResNetSize.TINY, 10);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(resNet));
    Block blurred = new BlurPoolMethod(true, true, true, 16).apply(resNet, SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(blurred, manager);
    List<BlurConv2d> convs = SurgeryFixtures.find(blurred, BlurConv2d.class);
    assertEquals(5, convs.size());
    assertFalse(convs.get(0).isBlurring(), "the stem");
    assertEquals(4, BlurPoolMethod.blurCount(blurred));
    assertEquals(before, ModelTraits.of(blurred));
    assertEquals(new Shape(2, 10), SurgeryFixtures.outputShape(blurred, manager, 2, true));
    assertEquals(new Shape(2, 10), SurgeryFixtures.outputShape(blurred, manager, 2, false));
  }

  @Test
  void blurAfterAStrideOneConvolutionKeepsTheResNetShapes() {
    Block blurred =
        new BlurPoolMethod(true, false, false, 16)
            .apply(models.resNet(ResNetSize.TINY, 10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(blurred, manager);
    assertEquals(4, BlurPoolMethod.blurCount(blurred));
    assertEquals(new Shape(2, 10), SurgeryFixtures.outputShape(blurred, manager, 2, true));
  }

  @Test
  void theBlurFilterIsAConstantNotAParameter() {
    // As Composer's registered buffer: nothing that walks the parameters (optimizer, decay, EMA,
    // SWA, checkpoints, LayerFreezing) sees it. The blurred ResNet has the plain one's parameters.
    Block plain = models.resNet(ResNetSize.TINY, 10);
    SurgeryFixtures.initialise(plain, manager);
    Block blurred =
        new BlurPoolMethod(true, true, false, 16)
            .apply(models.resNet(ResNetSize.TINY, 10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(blurred, manager);
    assertEquals(4, BlurPoolMethod.blurCount(blurred));
    assertEquals(plain.getParameters().size(), blurred.getParameters().size());
    for (Block blur : SurgeryFixtures.find(blurred, Blur2d.class)) {
      assertTrue(blur.getParameters().isEmpty());
    }
  }

  @Test
  void aModelWithNothingToBlurCountsNoBlur() {
    // The baseline CNN has no strided convolution; without its max-pools nothing is blurred, and
    // FIT_START stops the run on this count.
    Block cnn =
        new BlurPoolMethod(true, false, true, 16)
            .apply(models.baselineCnn(10), SurgeryFixtures.SPEC);
    SurgeryFixtures.initialise(cnn, manager);
    assertEquals(0, BlurPoolMethod.blurCount(cnn));
  }

  @Test
  void blurringNothingAtAllIsRefused() {
    assertThrows(InvalidInputException.class, () -> new BlurPoolMethod(false, false, true, 16));
  }
}
