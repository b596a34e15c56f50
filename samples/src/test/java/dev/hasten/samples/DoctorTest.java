package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.speedup.CutMix;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.doctor.Doctor;
import dev.hasten.runtime.doctor.DoctorReport;
import dev.hasten.runtime.doctor.Part;
import dev.hasten.samples.slow.FashionSlowBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's accounting on a real run whose data has a known delay. */
class DoctorTest {
  @TempDir static Path tmp;
  static DoctorReport report;
  static Path out;

  @BeforeAll
  static void profileTheSlowPipeline() throws IOException {
    out = tmp.resolve("doctor");
    RunOptions options =
        RunOptions.defaults()
            .withData(SubsetData.copyTo(tmp.resolve("data")))
            .withOut(out)
            .withDevice(RunOptions.DeviceChoice.CPU);
    report =
        Doctor.examine(
            FashionSlowBatch.class,
            options,
            8,
            2,
            List.of(
                LabelSmoothing.class,
                ProgressiveResizing.class,
                Ema.class,
                MixUp.class,
                CutMix.class));
  }

  @Test
  void theDelayLandsInTheBatchStageWhereTheSleepIs() {
    // Thread.sleep(150) sleeps at least 150 ms; above that is the scheduler's wake-up slack, a few
    // ms, more on a loaded machine.
    double batch = report.msPerStep(Part.BATCH_STAGE);
    assertTrue(batch >= 150 && batch < 180, "BATCH stage " + batch + " ms");
    // The gather of 32 resident images takes far less: the delay is not attributed to it.
    assertTrue(report.msPerStep(Part.DATA) < batch / 4, "data " + report.msPerStep(Part.DATA));
  }

  @Test
  void thePartsAddUpToTheRunsOwnClock() {
    assertEquals(8, report.profiledSteps());
    assertTrue(
        report.differenceFraction() < 0.10,
        report.attributedMsPerStep()
            + " ms of parts against "
            + report.measuredMsPerStep()
            + " ms measured");
    assertTrue(report.measuredMsPerStep() >= 150);
  }

  @Test
  void aRunWaitingOnItsDataIsCalledDataBoundAndGetsFewerStepMethods() {
    assertEquals("DATA_LOADING", report.bottleneck());
    // LabelSmoothing (OBJECTIVE, FEWER_STEPS) cuts steps without touching the data; the DATA
    // methods (ProgressiveResizing, MixUp, CutMix) do not help a run that waits on its data.
    assertTrue(
        report.suggestedSpeedups().contains("LabelSmoothing"),
        report.suggestedSpeedups().toString());
    assertTrue(
        !report.suggestedSpeedups().contains("ProgressiveResizing"),
        report.suggestedSpeedups().toString());
  }

  @Test
  void doctorJsonNamesTheBatchStagesSpeedup() throws IOException {
    JsonObject json =
        JsonParser.parseString(Files.readString(out.resolve("doctor.json"))).getAsJsonObject();
    assertEquals("DATA_LOADING", json.get("bottleneck").getAsString());
    JsonObject batch =
        json.getAsJsonArray("parts").asList().stream()
            .map(e -> e.getAsJsonObject())
            .filter(p -> p.get("part").getAsString().equals("batch_stage"))
            .findFirst()
            .orElseThrow();
    assertEquals("SlowBatch", batch.getAsJsonArray("speedups").get(0).getAsString());
    assertTrue(json.get("ndarrays_per_step").getAsDouble() > 0);
  }
}
