package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.samples.bench.KillResumeCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are killed with SIGKILL at random steps (one kill during a checkpoint write) and resumed;
 * the result must equal an uninterrupted run bit for bit. Also: Ctrl-C checkpoints and says how
 * to resume.
 */
class KillAndResumeTest {
  @TempDir static Path tmp;
  static Path data;

  /** Surefire runs tests from a manifest-only jar; children need the real class path. */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  @Test
  void baselineKilledThreeTimesEndsExactlyAsAnUninterruptedRun() throws Exception {
    KillResumeCheck check = new KillResumeCheck("FashionBaseline", 24, 4, data, tmp.resolve("baseline"), classPath());
    KillResumeCheck.Outcome outcome = check.run(3, new Random(11));
    assertTrue(outcome.identical(), outcome.toString());
    assertEquals(3, outcome.kills().size());
  }

  @Test
  void emaResumesExactly() throws Exception {
    // FashionMild keeps Ema's averages: state that must survive the kill.
    KillResumeCheck check = new KillResumeCheck("FashionMild", 10, 2, data, tmp.resolve("mild"), classPath());
    KillResumeCheck.Outcome outcome = check.run(2, new Random(5));
    assertTrue(outcome.identical(), outcome.toString());
  }

  @Test
  void ctrlCWritesACheckpointAndSaysHowToResume() throws Exception {
    Path out = tmp.resolve("interrupted");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(),
                "dev.hasten.runtime.cli.HastenCli", "train", "FashionBaseline",
                "--data", data.toString(), "--out", out.toString(), "--no-progress")
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
