package dev.hasten.runtime.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.RunOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line a sweep starts each run with. */
class ChildProcessTrainerTest {
  private final ChildProcessTrainer trainer = new ChildProcessTrainer("Main");
  private final RunOptions options =
      RunOptions.defaults().withEpochs(2).withOut(Path.of("sweep/runs/P-2ep"));

  private List<String> args(RunOptions o) {
    List<String> command = trainer.command(ChildProcessTrainerTest.class, o);
    return command.subList(command.indexOf("Main") + 1, command.size());
  }

  @Test
  void aRunThatWasCutShortIsContinuedWithResume() {
    assertTrue(
        args(options.withResume(true)).contains("--resume"),
        args(options.withResume(true)).toString());
    assertFalse(args(options).contains("--resume"));
  }

  @Test
  void aDataMemoryBudgetReachesEveryChildInBytes() {
    List<String> args = args(options.withDataMemory(512L << 20));
    int at = args.indexOf("--data-memory");
    assertEquals(Long.toString(512L << 20), args.get(at + 1), args.toString());
  }

  @Test
  void everyChildStopsWhenTheSweepEnds() {
    assertEquals(
        List.of(
            "train",
            ChildProcessTrainerTest.class.getName(),
            "--no-progress",
            "--stop-with-parent",
            "--epochs",
            "2",
            "--out",
            Path.of("sweep/runs/P-2ep").toString()),
        args(options));
  }
}
