package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code frontier} takes exactly one target, each checked before any pipeline is looked up. */
class FrontierTargetFlagsTest {
  private static CliRun frontier(String... targetFlags) {
    String[] args = new String[3 + targetFlags.length];
    args[0] = "frontier";
    args[1] = "--baseline";
    args[2] = "NoSuchPipeline";
    System.arraycopy(targetFlags, 0, args, 3, targetFlags.length);
    return CliRun.of(args);
  }

  @Test
  void bothTargetsAreRefused() {
    CliRun run = frontier("--target", "0.9", "--target-loss", "1.5");
    assertTrue(run.refusedInOneLine(), run.err());
    assertEquals(
        "hasten: give one target, --target (a test accuracy) or --target-loss (a test loss), not"
            + " both",
        run.err().strip());
  }

  @Test
  void noTargetIsRefused() {
    CliRun run = frontier();
    assertTrue(run.refusedInOneLine(), run.err());
    assertTrue(run.err().startsWith("hasten: frontier needs a target: --target ACC"), run.err());
  }

  @Test
  void aLossTargetMustBeAPositiveNumber() {
    for (String bad : new String[] {"0", "-1.5", "NaN", "Infinity"}) {
      CliRun run = frontier("--target-loss", bad);
      assertTrue(run.refusedInOneLine(), bad + ": " + run.err());
      assertTrue(
          run.err().startsWith("hasten: --target-loss must be a loss in nats per token above 0"),
          run.err());
    }
    CliRun words = frontier("--target-loss", "low");
    assertTrue(words.refusedInOneLine(), words.err());
    assertTrue(words.err().contains("--target-loss"), words.err());
  }

  @Test
  void aGoodLossTargetGetsAsFarAsLookingUpThePipelines() {
    CliRun run = frontier("--target-loss", "1.5");
    assertEquals(HastenCli.BAD_INPUT, run.status());
    assertTrue(run.err().contains("NoSuchPipeline"), run.err());
  }

  @Test
  void theAccuracyTargetIsCheckedAsBefore() {
    CliRun run = frontier("--target", "92");
    assertTrue(run.refusedInOneLine(), run.err());
    assertEquals(
        "hasten: --target must be an accuracy in (0, 1], got 92.0 (write 0.92 for 92.0%)",
        run.err().strip());
  }
}
