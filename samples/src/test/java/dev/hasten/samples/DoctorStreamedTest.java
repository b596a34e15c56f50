package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.doctor.Doctor;
import dev.hasten.runtime.doctor.DoctorReport;
import dev.hasten.runtime.doctor.Part;
import dev.hasten.samples.slow.FolderSlowReads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor on the streamed path (forced by a data memory budget of 1 KiB), on a folder of 500
 * training images: a reader throttled to {@value FolderSlowReads#MILLIS_PER_READ} ms a batch makes
 * the training thread wait in the data stage, and the doctor names it; the same pipeline reading at
 * the disk's speed is not called data-bound.
 */
class DoctorStreamedTest {
  @TempDir static Path tmp;
  static DoctorReport throttled;
  static DoctorReport unthrottled;

  @BeforeAll
  static void profileBothReaders() throws IOException {
    Path small = tmp.resolve("small");
    FashionPngs.writeSmall(small, 50, 20);
    throttled = examine(FolderSlowReads.class, small, "throttled");
    unthrottled = examine(FolderSlowReads.Unthrottled.class, small, "unthrottled");
  }

  private static DoctorReport examine(Class<?> pipeline, Path data, String run) throws IOException {
    RunOptions options =
        RunOptions.defaults()
            .withData(data)
            .withDataMemory(1024)
            .withCacheFolder(tmp.resolve("cache"))
            .withOut(tmp.resolve(run))
            .withDevice(RunOptions.DeviceChoice.CPU)
            // One libtorch thread: on a loaded machine two threads meet at a barrier in every
            // operation and wait for each other's time slice, which swamps a small step.
            .withThreads(1);
    return Doctor.examine(pipeline, options, 4, 1, List.of(LabelSmoothing.class));
  }

  @Test
  void aThrottledReaderMakesTheDataStageTheBottleneck() {
    assertEquals("streamed", throttled.dataPath());
    // The reader hands over one batch per 800 ms at best; the rest of a step of this model at
    // batch 25 takes tens of ms (a few hundred on a loaded machine), so the step waits for most
    // of the 800 ms.
    double data = throttled.msPerStep(Part.DATA);
    assertTrue(data >= 300, "data stage " + data + " ms a step");
    assertEquals("DATA_LOADING", throttled.bottleneck());
    assertTrue(
        throttled
            .table()
            .contains("bottleneck: data loading — the step waits for the streamed reader"),
        throttled.table());
    assertTrue(
        throttled.table().contains("data: waiting for the reader's batch"), throttled.table());
  }

  @Test
  void anUnthrottledReaderIsNotTheBottleneck() {
    assertEquals("streamed", unthrottled.dataPath());
    assertNotEquals("DATA_LOADING", unthrottled.bottleneck(), unthrottled.table());
    assertTrue(
        unthrottled.msPerStep(Part.DATA) < throttled.msPerStep(Part.DATA) / 4, unthrottled.table());
  }

  @Test
  void doctorJsonSaysTheRunWasStreamedAndHowLongItWaited() throws IOException {
    JsonObject json =
        JsonParser.parseString(Files.readString(tmp.resolve("throttled").resolve("doctor.json")))
            .getAsJsonObject();
    assertEquals("streamed", json.get("data").getAsString());
    assertEquals("DATA_LOADING", json.get("bottleneck").getAsString());
    assertTrue(
        json.getAsJsonObject("shares").get("reader_wait").getAsDouble() >= 0.3, json.toString());
  }
}
