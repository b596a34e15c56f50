package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CausalSelfAttentionTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

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
  void slopesForAPowerOfTwoAreTwoToTheMinusEightHOverH() {
    // H = 4: 2^(−8·1/4), 2^(−8·2/4), … = 1/4, 1/16, 1/64, 1/256.
    assertArrayEquals(new float[] {0.25f, 0.0625f, 0.015625f, 0.00390625f}, slopes(4));
    // H = 8: 2^(−1), …, 2^(−8).
    assertArrayEquals(
        new float[] {0.5f, 0.25f, 0.125f, 0.0625f, 0.03125f, 0.015625f, 0.0078125f, 0.00390625f},
        slopes(8));
    assertArrayEquals(new float[] {0.00390625f}, slopes(1));
  }

  @Test
  void slopesForSixHeadsAreTheFourHeadSlopesThenEveryOtherOfEight() {
    // P = 4: 1/4, 1/16, 1/64, 1/256; then the 1st and 3rd of the 8-head slopes: 1/2, 1/8.
    assertArrayEquals(
        new float[] {0.25f, 0.0625f, 0.015625f, 0.00390625f, 0.5f, 0.125f}, slopes(6));
  }

  private static float[] slopes(int heads) {
    return CausalSelfAttention.slopes(heads);
  }

  @Test
  void theBiasesOfFourHeadsOverThreePositionsAreMinusSlopeTimesDistance() {
    // Row i (query), column j (key): −m·(i − j) for j ≤ i, −∞ for a later key.
    NDArray biases = CausalSelfAttention.linearBiases(manager, 4, 3, DataType.FLOAT32);
    assertEquals(new Shape(4, 3, 3), biases.getShape());
    float[] m = {0.25f, 0.0625f, 0.015625f, 0.00390625f};
    float[] expected = new float[36];
    for (int h = 0; h < 4; h++) {
      float[] head = {
        0, NEG_INF, NEG_INF, //
        -m[h], 0, NEG_INF, //
        -2 * m[h], -m[h], 0
      };
      System.arraycopy(head, 0, expected, 9 * h, 9);
    }
    assertArrayEquals(expected, biases.toFloatArray());
    // Head 1 written out: [[0, −∞, −∞], [−0.25, 0, −∞], [−0.5, −0.25, 0]].
    assertArrayEquals(
        new float[] {0, NEG_INF, NEG_INF, -0.25f, 0, NEG_INF, -0.5f, -0.25f, 0},
        biases.get(0).toFloatArray());
  }

  /**
   * Width 4 in 4 heads of width 1, with queries and keys 0 and values the input itself, and the
   * projection the identity: every score is 0 before the mask, so each head's output at position
   * {@code i} is the softmax of its mask row averaging the inputs up to {@code i}.
   */
  private CausalSelfAttention averaging() {
    CausalSelfAttention attention = new CausalSelfAttention(4, 4);
    attention.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 4));
    Block qkv = attention.getChildren().get(0).getValue();
    float[] weights = new float[12 * 4];
    for (int c = 0; c < 4; c++) {
      weights[(8 + c) * 4 + c] = 1; // value channel c reads input channel c
    }
    qkv.getParameters().get("weight").getArray().set(weights);
    qkv.getParameters().get("bias").getArray().set(new float[12]);
    float[] identity = new float[16];
    for (int c = 0; c < 4; c++) {
      identity[c * 4 + c] = 1;
    }
    attention.projection().getParameters().get("weight").getArray().set(identity);
    attention.projection().getParameters().get("bias").getArray().set(new float[4]);
    return attention;
  }

  /** Inputs 1 at position 0 and 0 at position 1, in every channel. */
  private float[] attend(CausalSelfAttention attention) {
    NDArray x = manager.create(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, new Shape(1, 2, 4));
    return attention
        .forward(new ParameterStore(manager, false), new NDList(x), false)
        .singletonOrThrow()
        .toFloatArray();
  }

  @Test
  void withoutBiasesPositionOneAveragesItsTwoInputsEqually() {
    // Position 0 sees only itself: 1. Position 1: softmax(0, 0) = (½, ½), so ½·1 + ½·0 = 0.5.
    float[] out = attend(averaging());
    assertArrayEquals(new float[] {1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f}, out, 1e-6f);
  }

  @Test
  void withBiasesTheEarlierTokenWeighsLessTheSteeperTheHeadsSlope() {
    // Position 1: softmax(−m, 0) gives the earlier token e^(−m)/(e^(−m) + 1) = 1/(1 + e^m):
    // m = 1/4: 1/2.28403 = 0.437823; 1/16: 1/2.06449 = 0.484381; 1/64: 1/2.015748 = 0.496094;
    // 1/256: 1/2.003914 = 0.499023.
    CausalSelfAttention attention = averaging();
    attention.useLinearBiases();
    assertTrue(attention.usesLinearBiases());
    float[] out = attend(attention);
    assertArrayEquals(
        new float[] {1, 1, 1, 1, 0.437823f, 0.484381f, 0.496094f, 0.499023f}, out, 1e-6f);
  }

  /** Inputs 1 at position 0 and 0 at positions 1 and 2, in every channel. */
  private float[] attendThree(CausalSelfAttention attention) {
    NDArray x =
        manager.create(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 3, 4));
    return attention
        .forward(new ParameterStore(manager, false), new NDList(x), false)
        .singletonOrThrow()
        .toFloatArray();
  }

  /**
   * The mask is kept from the longest sequence so far, and a shorter one reads its corner: after 3
   * positions (position 2 averages 1, 0, 0 to 1/3), 2 positions give the values above again; after
   * {@link CausalSelfAttention#useLinearBiases} the kept plain mask is replaced by the biases, and
   * a plain mask is never read for them.
   */
  @Test
  void aMaskKeptFromALongerSequenceGivesAShorterOnesValues() {
    CausalSelfAttention attention = averaging();
    float third = 1f / 3;
    assertArrayEquals(
        new float[] {1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f, third, third, third, third},
        attendThree(attention),
        1e-6f);
    assertArrayEquals(new float[] {1, 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f}, attend(attention), 1e-6f);

    attention.useLinearBiases();

    assertArrayEquals(
        new float[] {1, 1, 1, 1, 0.437823f, 0.484381f, 0.496094f, 0.499023f},
        attend(attention),
        1e-6f);
    // Position 2 of the first head (m = 1/4): weights ∝ e^(−2/4), e^(−1/4), 1 on inputs 1, 0, 0:
    // 0.606531 / (0.606531 + 0.778801 + 1) = 0.254275.
    assertEquals(0.254275f, attendThree(attention)[8], 1e-6f);
  }
}
