package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.ImageSourceDataset;
import dev.hasten.runtime.data.Normalisation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The budget decides: image-folder splits that fit are resident, else both are streamed. */
class DataPathsTest {
  private static final Normalisation NORM = Normalisation.of(0.5f, 0.25f);

  @Test
  void splitsThatFitAreResidentAndOthersStreamedSayingSo() {
    // 10 images of 2×3×3: 18 pixels · 4 bytes + 8 for the label = 80 bytes each, 800 in all;
    // 6 test images: 480. Together 1,280 bytes.
    ImageSourceDataset train =
        ImageSourceDataset.of(
            BytesSource.ramp(10, 2, 3, 3), NORM, ImageDataset.batchSampler(2, false));
    ImageSourceDataset test =
        ImageSourceDataset.of(
            BytesSource.ramp(6, 2, 3, 3), NORM, ImageDataset.batchSampler(2, false));
    assertEquals(800, train.residentBytes());
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream messages = new PrintStream(said, true, StandardCharsets.UTF_8);
    try (NDManager manager = NDManager.newBaseManager()) {
      DataPaths.Chosen fits = DataPaths.choose(train, test, manager, 1280, messages);
      assertSame(SplitData.Residency.RESIDENT, fits.residency());
      assertEquals("", said.toString(StandardCharsets.UTF_8));

      DataPaths.Chosen over = DataPaths.choose(train, test, manager, 1279, messages);
      assertSame(SplitData.Residency.STREAMED, over.train().residency());
      assertSame(SplitData.Residency.STREAMED, over.eval().residency());
      assertEquals(
          "hasten: the image splits take 1.3 KiB resident, over the data memory budget of 1.2 KiB;"
              + " streaming them from their caches\n",
          said.toString(StandardCharsets.UTF_8));
      // Either path identifies the data alike, so a run resumes across budgets.
      assertEquals(fits.train().fingerprint(), over.train().fingerprint());
      over.train().close();
      over.eval().close();
    }
    assertTrue(DataPaths.defaultBudget() > 0);
    assertEquals("21.0 MiB", DataPaths.size(22_008_000));
    assertEquals("12.0 GiB", DataPaths.size(12L << 30));
  }
}
