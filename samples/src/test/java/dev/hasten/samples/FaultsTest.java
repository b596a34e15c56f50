package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.samples.CliTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault of docs/RELIABILITY.md's table, as a user meets it on the command line: one line, exit
 * status 2 (or a warning and a fallback), and nothing already written lost.
 */
class FaultsTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  private static Outcome train(String pipeline, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                pipeline,
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--no-progress"));
    args.addAll(List.of(more));
    return CliTest.hasten(args.toArray(new String[0]));
  }

  private static List<Path> checkpoints(Path out) throws IOException {
    try (var files = Files.list(out.resolve("checkpoints"))) {
      return files.sorted().toList();
    }
  }

  @Test
  void damagedNewestCheckpointFallsBackToThePreviousWithAWarning() throws IOException {
    Path out = tmp.resolve("damaged");
    assertEquals(
        0, train("FashionBaseline", out, "--max-steps", "6", "--checkpoint-every", "2").status());
    List<Path> saved = checkpoints(out);
    Path newest = saved.get(saved.size() - 1);
    Files.write(newest, new byte[] {1, 2, 3});
    Outcome resumed =
        train("FashionBaseline", out, "--max-steps", "8", "--checkpoint-every", "2", "--resume");
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertTrue(
        resumed
            .errLines()
            .get(0)
            .startsWith("hasten: warning: skipping checkpoint " + newest.getFileName()),
        resumed.errLines().toString());
    assertTrue(
        resumed.errLines().stream()
            .anyMatch(
                l -> l.contains("resuming FashionBaseline from") && l.contains("step-000000004")));
  }

  @Test
  void checkpointOfAnotherPipelineIsRefused() throws IOException {
    Path out = tmp.resolve("foreign");
    assertEquals(0, train("FashionBaseline", out, "--max-steps", "2").status());
    Outcome other = train("FashionFlip", out, "--max-steps", "4", "--resume");
    assertEquals(2, other.status());
    String last = other.errLines().get(other.errLines().size() - 1);
    assertEquals(
        "hasten: --resume: no usable checkpoint of FashionFlip in " + out.resolve("checkpoints"),
        last);
    // The file, not the folder, is named.
    assertTrue(
        other
            .errLines()
            .get(0)
            .startsWith(
                "hasten: warning: skipping checkpoint step-000000002.ckpt belongs to another run: its pipeline is"),
        other.errLines().toString());
  }

  @Test
  void resumeWithoutCheckpointsIsAUsageError() throws IOException {
    Outcome outcome =
        train("FashionBaseline", Files.createDirectories(tmp.resolve("empty")), "--resume");
    assertEquals(2, outcome.status());
    assertEquals(1, outcome.errLines().size(), outcome.errLines().toString());
    assertTrue(
        outcome.errLines().get(0).contains("--resume: no usable checkpoint of FashionBaseline"));
  }

  @Test
  void aFreshRunNeverOverwritesAnotherRunsFolder() throws IOException {
    Path out = tmp.resolve("taken");
    assertEquals(0, train("FashionBaseline", out, "--max-steps", "2").status());
    String metrics = Files.readString(out.resolve("metrics.jsonl"));
    Outcome again = train("FashionBaseline", out, "--max-steps", "2");
    assertEquals(2, again.status());
    assertTrue(
        again.errLines().get(0).contains("already holds a run; add --resume"),
        again.errLines().toString());
    assertEquals(metrics, Files.readString(out.resolve("metrics.jsonl")));
  }

  @Test
  void outThatCannotBeAFolderIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    Outcome outcome = train("FashionBaseline", file.resolve("run"));
    assertEquals(2, outcome.status());
    assertEquals(1, outcome.errLines().size(), outcome.errLines().toString());
    assertTrue(
        outcome.errLines().get(0).contains("cannot create the folder"),
        outcome.errLines().toString());
  }

  @Test
  void divergedLossStopsNamingTheStepsAndKeepsTheLastGoodCheckpoint() throws IOException {
    Path out = tmp.resolve("diverged");
    Outcome outcome = train("Diverging", out, "--checkpoint-every", "1");
    assertEquals(2, outcome.status(), outcome.errLines().toString());
    String line = outcome.errLines().get(outcome.errLines().size() - 1);
    assertTrue(line.startsWith("hasten: training diverged: the training loss became"), line);
    assertTrue(line.contains("at step"), line);
    // Every checkpoint on disk reads back, and none was written at or after the bad step.
    long badStep = Long.parseLong(line.replaceAll(".*at step (\\d+).*", "$1"));
    for (Path p : checkpoints(out)) {
      long step = Long.parseLong(p.getFileName().toString().replaceAll("\\D", ""));
      assertTrue(step < badStep, p + " was written at or after step " + badStep);
    }
  }

  /** Linux's /dev/full fails every write with ENOSPC, as a full disk does. */
  private static Path diskFull() {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
    return full;
  }

  @Test
  void aFullDiskUnderMetricsIsOneLineAndTheRunResumesAfterwards() throws IOException {
    Path full = diskFull();
    Path out = tmp.resolve("metrics-full");
    String[] flags = {"--max-steps", "8", "--checkpoint-every", "4"};
    assertEquals(0, train("FashionBaseline", out, flags).status());
    Files.delete(out.resolve("checkpoints").resolve("step-000000008.ckpt"));
    Path metrics = out.resolve("metrics.jsonl");
    Path saved = Files.move(metrics, tmp.resolve("metrics-full.jsonl"));
    Files.createSymbolicLink(metrics, full);

    // Resumed from step 4, the run writes its next line at step 8, where the disk is full.
    Outcome outcome = train("FashionBaseline", out, more(flags, "--resume"));

    assertEquals(2, outcome.status(), outcome.errLines().toString());
    String last = outcome.errLines().get(outcome.errLines().size() - 1);
    assertEquals(
        "hasten: cannot append to "
            + metrics
            + ": No space left on device; make room, then continue"
            + " the run from its last checkpoint with --resume",
        last);
    assertEquals(
        2, outcome.errLines().size(), "the resume line, then the error: " + outcome.errLines());
    Files.delete(metrics);
    Files.move(saved, metrics);
    Outcome resumed = train("FashionBaseline", out, more(flags, "--resume"));
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertTrue(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void aFullDiskUnderSummaryIsOneLineLeavesNoTemporaryAndTheRunFinishesOnResume()
      throws IOException {
    Path full = diskFull();
    Path out = Files.createDirectories(tmp.resolve("summary-full"));
    Path temporary = Files.createSymbolicLink(out.resolve("summary.json.tmp"), full);

    Outcome outcome = train("FashionBaseline", out, "--max-steps", "2");

    assertEquals(2, outcome.status(), outcome.errLines().toString());
    assertEquals(
        "hasten: cannot write "
            + out.resolve("summary.json")
            + ": No space left on device; make"
            + " room, then finish the run with --resume",
        outcome.errLines().get(outcome.errLines().size() - 1));
    assertTrue(
        outcome.errLines().stream().noneMatch(l -> l.contains("Exception")),
        outcome.errLines().toString());
    assertTrue(
        !Files.exists(temporary, java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "summary.json.tmp is left");
    Outcome resumed = train("FashionBaseline", out, "--max-steps", "2", "--resume");
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertTrue(resumed.out().contains("\"steps\":2"), resumed.out());
  }

  @Test
  void aFailedFirstCheckpointDoesNotClaimEarlierOnes() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("first-checkpoint"));
    Files.writeString(out.resolve("checkpoints"), "a file where the folder goes");

    Outcome outcome = train("FashionBaseline", out, "--max-steps", "2");

    assertEquals(2, outcome.status(), outcome.errLines().toString());
    String line = outcome.errLines().get(outcome.errLines().size() - 1);
    assertTrue(
        line.startsWith("hasten: cannot write a checkpoint in " + out.resolve("checkpoints")),
        line);
    assertTrue(line.endsWith("; there is no earlier checkpoint of this run"), line);
  }

  @Test
  void rerunningASweepResumesItsCutShortRun() throws IOException {
    // What a sweep interrupted after a checkpoint of its only run leaves behind.
    Path sweep = tmp.resolve("sweep");
    Path run = sweep.resolve("runs").resolve("FashionLinear-1ep");
    assertEquals(
        0,
        train(
                "dev.hasten.samples.linear.FashionLinear",
                run,
                "--epochs",
                "1",
                "--checkpoint-every",
                "5",
                "--max-steps",
                "5")
            .status());
    Files.delete(run.resolve("summary.json"));

    Outcome rerun =
        CliTest.hasten(
            "frontier",
            "--baseline",
            "dev.hasten.samples.linear.FashionLinear",
            "--budgets",
            "1",
            "--target",
            "0.5",
            "--data",
            data.toString(),
            "--out",
            sweep.toString());

    assertEquals(0, rerun.status(), rerun.errLines().toString());
    assertTrue(
        rerun.errLines().get(0).contains("resumed from its checkpoint"),
        rerun.errLines().toString());
    assertTrue(Files.readString(run.resolve("summary.json")).contains("\"steps\":46"));
  }

  private static String[] more(String[] flags, String... extra) {
    List<String> all = new java.util.ArrayList<>(List.of(flags));
    all.addAll(List.of(extra));
    return all.toArray(new String[0]);
  }
}
