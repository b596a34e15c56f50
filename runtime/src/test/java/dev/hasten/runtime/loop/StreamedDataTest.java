package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.Normalisation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streamed split against the resident one on the same pixels: the same floats for the same
 * indices, in the order given, from any batch on; a bounded read-ahead; a failed read thrown on the
 * training thread as one line naming the source.
 */
class StreamedDataTest {
  private static final Normalisation NORM =
      new Normalisation(new float[] {0.3f, 0.5f}, new float[] {0.2f, 0.25f});
  private NDManager manager;
  private BytesSource source;
  private ResidentData resident;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    source = BytesSource.ramp(10, 2, 3, 3);
    NDArray pixels =
        manager.create(
            java.nio.ByteBuffer.wrap(source.pixels), new Shape(10, 2, 3, 3), DataType.UINT8);
    resident =
        ResidentData.of(
            NORM.apply(pixels), manager.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0}));
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private static void assertSameBatch(SplitData.Batch expected, SplitData.Batch actual) {
    assertEquals(expected.inputs().getShape(), actual.inputs().getShape());
    // Bit for bit: the same conversion applied to the same bytes.
    assertArrayEquals(expected.inputs().toFloatArray(), actual.inputs().toFloatArray(), 0f);
    assertArrayEquals(expected.labels().toLongArray(), actual.labels().toLongArray());
    assertEquals(DataType.INT64, actual.labels().getDataType());
  }

  @Test
  void aGatherHoldsTheFloatsOfTheResidentSplit() {
    StreamedData streamed = new StreamedData(source, NORM);
    long[] indices = {7, 2, 2, 9};
    assertSameBatch(resident.gather(manager, indices), streamed.gather(manager, indices));
    // Hand-derived: image 2, pixel 0 of channel 1 (j = 9) is (14 + 9) = 23: (23/255 − 0.5)/0.25.
    float expected = (float) ((23 / 255.0 - 0.5) / 0.25);
    assertEquals(
        expected, streamed.gather(manager, new long[] {2}).inputs().getFloat(0, 1, 0, 0), 1e-6f);
  }

  @Test
  void aPassReadsTheBatchesOfTheOrderFromAnyBatchOn() {
    StreamedData streamed = new StreamedData(source, NORM, 2);
    long[] order = {3, 9, 0, 4, 8, 1, 7, 2, 6, 5};
    try (SplitData.Reader whole = resident.read(order, 3, 0, 4);
        SplitData.Reader fromTwo = streamed.read(order, 3, 1, 4)) {
      whole.next(manager);
      for (int b = 1; b < 4; b++) {
        assertSameBatch(whole.next(manager), fromTwo.next(manager));
      }
    }
    streamed.close();
  }

  @Test
  void theReaderHoldsNoMoreThanItsDepthAndStopsWhenClosed() throws Exception {
    StreamedData streamed = new StreamedData(source, NORM, 2);
    long[] order = Evaluation.inOrder(10);
    SplitData.Reader reader = streamed.read(order, 1, 0, 10);
    Thread.sleep(300);
    // Two buffers: two batches read ahead, then the thread waits for one to be handed back.
    assertEquals(2, source.reads.get());
    reader.next(manager);
    Thread.sleep(300);
    assertEquals(3, source.reads.get());
    reader.close();
    Thread.sleep(200);
    assertEquals(3, source.reads.get());
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("hasten-batch-reader") && t.isAlive()),
        "a reader thread outlived close()");
  }

  @Test
  void aFailedReadIsThrownOnTheTrainingThreadAsOneLineNamingTheSource() {
    source.failFrom = 3;
    StreamedData streamed = new StreamedData(source, NORM, 4);
    List<SplitData.Batch> read = new ArrayList<>();
    try (SplitData.Reader reader = streamed.read(Evaluation.inOrder(10), 2, 0, 5)) {
      read.add(reader.next(manager));
      read.add(reader.next(manager));
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> reader.next(manager));
      assertEquals("cannot read the images of the test's 10 images: read 3 failed", e.getMessage());
    }
    assertEquals(2, read.size());
  }

  @Test
  void aSubsetOfAStreamedSplitStaysStreamedAndMapsItsIndices() {
    StreamedData streamed = new StreamedData(source, NORM);
    SplitData kept = streamed.subset(new long[] {8, 1, 5});
    assertEquals(3, kept.size());
    assertEquals(SplitData.Residency.STREAMED, kept.residency());
    assertSameBatch(
        resident.gather(manager, new long[] {5, 8}), kept.gather(manager, new long[] {2, 0}));
    try (SplitData.Reader reader = kept.read(new long[] {1, 2, 0}, 2, 0, 2)) {
      assertSameBatch(resident.gather(manager, new long[] {1, 5}), reader.next(manager));
      assertSameBatch(resident.gather(manager, new long[] {8}), reader.next(manager));
    }
    assertTrue(kept.fingerprint().startsWith(streamed.fingerprint()));
  }
}
