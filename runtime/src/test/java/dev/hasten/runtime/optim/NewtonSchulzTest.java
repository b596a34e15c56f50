package dev.hasten.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Muon's orthogonalisation. For {@code X = P·S·Q} with {@code P}, {@code Q} orthogonal and {@code
 * S} diagonal, {@code A = X·Xᵀ = P·S²·Pᵀ}, so an iteration {@code a·X + (b·A + c·A²)·X} is {@code
 * P·f(S)·Q} with the scalar quintic {@code f(σ) = aσ + bσ³ + cσ⁵ = σ·(a + bσ² + cσ⁴)} applied to
 * each singular value, {@code (a, b, c) = (3.4445, −4.7750, 2.0315)}. Every expected value below is
 * that scalar recurrence worked out by hand.
 */
class NewtonSchulzTest {
  private static final float TOLERANCE = 2e-5f;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private float[] orthogonalised(NDArray matrix, int steps) {
    try (UpdateScope scope = new UpdateScope(manager)) {
      NDArray x = MuonOptimizer.orthogonalise(matrix, steps, scope);
      assertEquals(matrix.getShape(), x.getShape());
      return x.toFloatArray();
    }
  }

  @Test
  void aDiagonalMatrixStaysDiagonalAndEachEntryFollowsTheQuintic() {
    // diag(1, 0.5): ‖·‖_F = √1.25, so σ = 1/√1.25 = 0.894427 and 0.5/√1.25 = 0.447214
    // (σ² = 0.8 and 0.2; the 1e-7 added to the norm moves them by under 1e-7).
    // f(σ1) = σ1·(3.4445 − 4.775·0.8 + 2.0315·0.64) = 0.894427·0.92466 = 0.827041
    // f(σ2) = σ2·(3.4445 − 4.775·0.2 + 2.0315·0.04) = 0.447214·2.57076 = 1.149679
    NDArray d = manager.create(new float[][] {{1f, 0f}, {0f, 0.5f}});
    assertArrayEquals(new float[] {0.827041f, 0f, 0f, 1.149679f}, orthogonalised(d, 1), TOLERANCE);
  }

  @Test
  void fiveIterationsBringEverySingularValueNearOneWithoutConverging() {
    // The recurrence σ ← f(σ) from 0.894427 and 0.447214:
    //   1: 0.827041  1.149679
    //   2: 0.933610  0.784343
    //   3: 0.771049  1.000663
    //   4: 1.020650  0.700523
    //   5: 0.688763  1.114164
    // The coefficients steepen f near 0 at the price of never settling at 1 (muon.py's note).
    NDArray d = manager.create(new float[][] {{1f, 0f}, {0f, 0.5f}});
    assertArrayEquals(new float[] {0.688763f, 0f, 0f, 1.114164f}, orthogonalised(d, 5), 1e-4f);
  }

  @Test
  void aTallMatrixIsOrthogonalisedThroughItsTransposeAndKeepsItsShape() {
    // 3×2, rows > cols: iterated as the 2×3 transpose (A is 2×2), then transposed back.
    // [[0, 3], [0, 0], [4, 0]] = P·diag(4, 3)·Q with P, Q permutations: ‖·‖_F = 5, σ = 0.8, 0.6.
    // f(0.8) = 0.8·(3.4445 − 4.775·0.64 + 2.0315·0.4096) = 0.8·1.2206024 = 0.976482
    // f(0.6) = 0.6·(3.4445 − 4.775·0.36 + 2.0315·0.1296) = 0.6·1.9887824 = 1.193269
    NDArray tall = manager.create(new float[][] {{0f, 3f}, {0f, 0f}, {4f, 0f}});
    assertEquals(new Shape(3, 2), tall.getShape());
    assertArrayEquals(
        new float[] {0f, 1.193269f, 0f, 0f, 0.976482f, 0f}, orthogonalised(tall, 1), TOLERANCE);
  }

  @Test
  void aWideMatrixGivesTheTransposeOfItsTallTransposesResult() {
    // The same singular values, so the same f(σ); the wide one is iterated as it is.
    NDArray wide = manager.create(new float[][] {{0f, 0f, 4f}, {3f, 0f, 0f}});
    assertArrayEquals(
        new float[] {0f, 0f, 0.976482f, 1.193269f, 0f, 0f}, orthogonalised(wide, 1), TOLERANCE);
  }

  @Test
  void theScaleIsTheRootOfRowsOverColsAndNeverBelowOne() {
    // √max(1, rows/cols): 8×2 → √4 = 2; 2×8 → √max(1, 0.25) = 1; 3×3 → 1; 6×4 → √1.5.
    assertEquals(2.0, MuonOptimizer.shapeScale(manager.zeros(new Shape(8, 2))), 0);
    assertEquals(1.0, MuonOptimizer.shapeScale(manager.zeros(new Shape(2, 8))), 0);
    assertEquals(1.0, MuonOptimizer.shapeScale(manager.zeros(new Shape(3, 3))), 0);
    assertEquals(Math.sqrt(1.5), MuonOptimizer.shapeScale(manager.zeros(new Shape(6, 4))), 0);
  }
}
