package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.samples.bench.KillResumeCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speedups that read the whole training split or reshape each step's inputs run on the streamed
 * path (forced by a data memory budget of 1 KiB) and end exactly as on the resident path: the same
 * batches, so the same metrics and the same final weights, optimizer and speedup state, bit for
 * bit.
 */
class StreamedPathTest {
  @TempDir static Path tmp;
  static Path small;

  @BeforeAll
  static void writeImages() throws IOException {
    small = tmp.resolve("small");
    FashionPngs.writeSmall(small, 50, 20);
  }

  private static RunOptions options(String run) {
    return RunOptions.defaults()
        .withData(small)
        .withOut(tmp.resolve(run))
        .withCacheFolder(tmp.resolve("cache"))
        .withProgressBar(false);
  }

  private static void assertStreamedEqualsResident(Class<?> pipeline, long steps)
      throws IOException {
    String name = pipeline.getSimpleName();
    RunResult resident = Hasten.train(pipeline, options(name + "-resident"));
    RunResult streamed = Hasten.train(pipeline, options(name + "-streamed").withDataMemory(1024));

    assertEquals("resident", resident.data());
    assertEquals("streamed", streamed.data());
    assertTrue(
        Files.readString(streamed.outDir().resolve("summary.json"))
            .contains("\"data\":\"streamed\""));
    assertEquals(steps, streamed.steps());
    assertNull(KillResumeCheck.compare(resident.outDir(), streamed.outDir()));
    assertEquals(resident.finalTestAcc(), streamed.finalTestAcc(), 0.0);
  }

  @Test
  void dataPruningSwaAndSelectiveBackpropEndAsOnTheResidentPath() throws IOException {
    assertStreamedEqualsResident(StreamPipelines.Pruned.class, 20);
  }

  @Test
  void progressiveResizingAndColOutEndAsOnTheResidentPath() throws IOException {
    assertStreamedEqualsResident(StreamPipelines.Resized.class, 20);
  }
}
