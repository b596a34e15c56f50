package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.samples.CliTest.Outcome;
import dev.hasten.samples.catalog.SmallSubset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume faults as a user meets them on the command line, on small data: 600 training images, so 4
 * steps an epoch at FashionBaseline's batch of 128.
 */
class ResumeFaultsTest {
  @TempDir static Path tmp;
  static Path small;
  static Path smaller;

  @BeforeAll
  static void copyData() throws IOException {
    small = SmallSubset.copyTo(tmp.resolve("small"), 600);
    smaller = SmallSubset.copyTo(tmp.resolve("smaller"), 400);
  }

  private static Outcome train(Path data, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "FashionBaseline",
                "--data",
                data.toString(),
                "--out",
                out.toString(),
                "--no-progress"));
    args.addAll(List.of(more));
    return CliTest.hasten(args.toArray(new String[0]));
  }

  private static List<String> metrics(Path out) throws IOException {
    return Files.readAllLines(out.resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll("\"time_s\":[0-9.eE+-]+,?", ""))
        .toList();
  }

  private static Path checkpoint(Path out, long step) {
    return out.resolve("checkpoints").resolve(String.format("step-%09d.ckpt", step));
  }

  @Test
  void anEpochsEvaluationIsNotLostWhenACheckpointLandsOnItsLastStep() throws IOException {
    Path reference = tmp.resolve("eval-reference");
    assertEquals(
        0, train(small, reference, "--max-steps", "12", "--checkpoint-every", "2").status());
    Path out = tmp.resolve("eval-resumed");
    assertEquals(0, train(small, out, "--max-steps", "12", "--checkpoint-every", "2").status());
    Files.delete(checkpoint(out, 10));
    Files.delete(checkpoint(out, 12));
    Outcome resumed = train(small, out, "--max-steps", "12", "--checkpoint-every", "2", "--resume");
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertTrue(
        resumed.errLines().get(0).contains("step-000000008.ckpt (step 8)"),
        resumed.errLines().toString());
    assertEquals(metrics(reference), metrics(out));
  }

  @Test
  void resumingWithOtherDataIsRefusedAndTheLogKept() throws IOException {
    Path out = tmp.resolve("other-data");
    assertEquals(0, train(small, out, "--max-steps", "6", "--checkpoint-every", "2").status());
    String log = Files.readString(out.resolve("metrics.jsonl"));
    Outcome other = train(smaller, out, "--max-steps", "8", "--resume");
    assertEquals(2, other.status(), other.errLines().toString());
    assertTrue(
        other
            .errLines()
            .get(0)
            .contains("belongs to another run: its train_examples is 600, this run's is 400"),
        other.errLines().toString());
    assertEquals(
        "hasten: --resume: no usable checkpoint of FashionBaseline in "
            + out.resolve("checkpoints"),
        other.errLines().get(other.errLines().size() - 1));
    assertEquals(log, Files.readString(out.resolve("metrics.jsonl")));
  }

  @Test
  void aFolderWhoseFirstCheckpointWasNeverWrittenRestartsFromStepZeroOnResume() throws IOException {
    Path reference = tmp.resolve("stuck-reference");
    assertEquals(0, train(small, reference, "--max-steps", "3").status());
    Path out = tmp.resolve("stuck");
    assertEquals(0, train(small, out, "--max-steps", "3").status());
    // As a kill during the first checkpoint write leaves it: the log, a temporary, no checkpoint.
    Files.move(checkpoint(out, 3), out.resolve("checkpoints").resolve(".step-000000003.ckpt.tmp"));
    Outcome fresh = train(small, out, "--max-steps", "3");
    assertEquals(2, fresh.status());
    assertTrue(
        fresh.errLines().get(0).contains("already holds a run; add --resume"),
        fresh.errLines().toString());
    Outcome resumed = train(small, out, "--max-steps", "3", "--resume");
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertEquals(
        "hasten: --resume: no usable checkpoint of FashionBaseline in "
            + out.resolve("checkpoints")
            + "; starting from step 0",
        resumed.errLines().get(0));
    assertEquals(metrics(reference), metrics(out));
  }
}
