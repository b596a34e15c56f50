package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.data.ImageFolderOptions;
import dev.hasten.samples.bench.KillResumeCheck;
import dev.hasten.samples.catalog.SmallSubset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are killed with SIGKILL at random steps (one kill during a checkpoint write), or at steps
 * where a speedup's state matters, and resumed; the result must equal an uninterrupted run bit for
 * bit. The baseline and the two {@link KillResumePipelines} between them cover every catalog
 * speedup with state that runs on the CPU (Ema is in {@code Dropped}). Also: Ctrl-C checkpoints and
 * says how to resume.
 */
class KillAndResumeTest {
  @TempDir static Path tmp;
  static Path data;

  /** The first {@link KillResumePipelines#EXAMPLES} examples of each split, for short epochs. */
  static Path small;

  /** Surefire runs tests from a manifest-only jar; children need the real class path. */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
    small = SmallSubset.copyTo(tmp.resolve("small"), KillResumePipelines.EXAMPLES);
  }

  @Test
  void baselineKilledThreeTimesEndsExactlyAsAnUninterruptedRun() throws Exception {
    KillResumeCheck check =
        new KillResumeCheck("FashionBaseline", 24, 4, data, tmp.resolve("baseline"), classPath());
    KillResumeCheck.Outcome outcome = check.run(3, new Random(11));
    assertTrue(outcome.identical(), outcome.toString());
    assertEquals(3, outcome.kills().size());
  }

  @Test
  void aStreamedFolderRunKilledThreeTimesEndsExactlyAsAnUninterruptedRun() throws Exception {
    // 500 PNGs in batches of 128: 3 steps an epoch, so the 24 steps cross 7 epoch ends, each a
    // new shuffled order that the resumed reader must start part-way into.
    Path folder = tmp.resolve("folder");
    FashionPngs.writeSmall(folder, 50, 20);
    KillResumeCheck check =
        new KillResumeCheck("FolderBaseline", 24, 2, folder, tmp.resolve("streamed"), classPath())
            .with(
                ImageFolderOptions.CACHE_VARIABLE,
                tmp.resolve("cache").toString(),
                "--data-memory",
                "1K");
    KillResumeCheck.Outcome outcome = check.run(3, new Random(5));
    assertTrue(outcome.identical(), outcome.toString());
    assertEquals(3, outcome.kills().size());
    assertTrue(
        Files.readString(tmp.resolve("streamed/resumed/summary.json"))
            .contains("\"data\":\"streamed\""));
  }

  @Test
  void swaLayerFreezingSelectiveBackpropCutMixDataPruningAndScaleScheduleResumeExactly()
      throws Exception {
    // 24 steps, a checkpoint every 3 (see KillResumePipelines.Averaged). Killed after step 12:
    // inside the SWA window with 4 weight sets averaged, the first layer frozen, examples pruned;
    // and after step 21: the average has replaced the weights, 3 layers frozen.
    KillResumeCheck check =
        new KillResumeCheck(
            KillResumePipelines.Averaged.class.getName(),
            24,
            3,
            small,
            tmp.resolve("averaged"),
            classPath());
    KillResumeCheck.Outcome outcome = check.killAt(12, 21);
    assertTrue(outcome.identical(), outcome.toString());
    assertEquals(List.of("after step 12", "after step 21"), outcome.kills());
  }

  @Test
  void stochasticDepthSamMixUpAndEmaResumeExactly() throws Exception {
    // 16 steps, a checkpoint every 4 (see KillResumePipelines.Dropped). Step 8 drops the second
    // residual branch, which steps 1, 6 and 7 ran (its draws are a function of seed and step): the
    // resumed run must update it with a zero gradient as the uninterrupted one does, where a fresh
    // process knew of no gradient and skipped it. Killed after step 8, then during the write of
    // step 12's checkpoint, so step 8 is resumed twice.
    KillResumeCheck check =
        new KillResumeCheck(
            KillResumePipelines.Dropped.class.getName(),
            16,
            4,
            small,
            tmp.resolve("dropped"),
            classPath());
    KillResumeCheck.Outcome outcome = check.killAt(8, KillResumeCheck.DURING_WRITE);
    assertTrue(outcome.identical(), outcome.toString());
    assertEquals("after step 8", outcome.kills().get(0));
  }

  @Test
  void ctrlCWritesACheckpointAndSaysHowToResume() throws Exception {
    Assumptions.assumeFalse(
        KillResumeCheck.sigintIgnoredHere(),
        "SIGINT is ignored by the shell that started the tests (cmd &)");
    Path out = tmp.resolve("interrupted");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                "dev.hasten.runtime.cli.HastenCli",
                "train",
                "FashionBaseline",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--no-progress")
            .redirectErrorStream(true)
            .start();
    Path checkpoints = out.resolve("checkpoints");
    Path metrics = out.resolve("metrics.jsonl");
    while (!Files.exists(metrics) && child.isAlive()) {
      Thread.sleep(20);
    }
    Thread.sleep(1500); // a few steps in
    new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run did not stop after Ctrl-C");
    String output = new String(child.getInputStream().readAllBytes());
    assertEquals(130, child.exitValue(), output);
    assertTrue(output.contains("--resume"), output);
    List<Path> saved;
    try (var files = Files.list(checkpoints)) {
      saved = files.toList();
    }
    assertEquals(1, saved.size(), saved.toString());
  }
}
