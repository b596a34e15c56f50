package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A language model's run, stopped and resumed, is the run never stopped: the same training loss
 * lines, evaluations and final validation loss, bit for bit (in one process, on the CPU). And a
 * checkpoint is never resumed on other text.
 */
class SequenceResumeTest {
  @RegisterExtension final CapturedErr err = new CapturedErr();

  @TempDir Path tmp;

  private static RunOptions options(Path out) {
    return RunOptions.defaults().withOut(out).withProgressBar(false);
  }

  /** Trains the 2 epochs of 4 steps of {@link TextRuns}, evaluated on 8 windows. */
  private static RunResult train(RunOptions options, Corpus corpus) {
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TextRuns.open(manager, options, TextRuns.spec(2), 8, corpus)) {
      return TextRuns.fit(run);
    }
  }

  /** The lines of metrics.jsonl without their wall-clock times, which differ between runs. */
  private static List<String> linesWithoutTimes(Path out, boolean eval) throws IOException {
    List<String> lines = new ArrayList<>();
    for (JsonObject o : SequenceRunTest.lines(out, eval)) {
      o.remove("time_s");
      lines.add(o.toString());
    }
    return lines;
  }

  @Test
  void halfThenResumedIsTheStraightRunBitForBit() throws IOException {
    Corpus genesis = KjvCorpus.excerpt(null);
    Path straight = tmp.resolve("straight");
    RunResult whole = train(options(straight), genesis);
    Path halves = tmp.resolve("halves");
    train(options(halves).withMaxSteps(4), genesis);
    RunResult resumed = train(options(halves).withResume(true), genesis);

    assertEquals(8, resumed.steps());
    assertEquals(linesWithoutTimes(straight, false), linesWithoutTimes(halves, false));
    assertEquals(linesWithoutTimes(straight, true), linesWithoutTimes(halves, true));
    assertEquals(whole.finalTestLoss(), resumed.finalTestLoss(), 0);
  }

  @Test
  void stoppedInsideAnEpochItEvaluatesAndEndsAsTheStraightRun() throws IOException {
    Corpus genesis = KjvCorpus.excerpt(null);
    Path straight = tmp.resolve("straight");
    RunResult whole = train(options(straight), genesis);
    Path parts = tmp.resolve("parts");
    train(options(parts).withMaxSteps(6), genesis);
    RunResult resumed = train(options(parts).withResume(true), genesis);

    // Steps 7 and 8 draw their windows from the seed and their step numbers, as the straight run's
    // did. The stopped run's own record differs where --max-steps made it: it read its training
    // loss and evaluated at step 6 (so its step-8 loss line averages 2 steps, not 4); every
    // evaluation the straight run made is there, equal.
    List<String> evaluations = linesWithoutTimes(parts, true);
    evaluations.removeIf(line -> line.contains("\"step\":6,"));
    assertEquals(linesWithoutTimes(straight, true), evaluations);
    assertEquals(whole.finalTestLoss(), resumed.finalTestLoss(), 0);
  }

  @Test
  void aCheckpointIsNotResumedOnOtherText() {
    Corpus genesis = KjvCorpus.excerpt(null);
    Path out = tmp.resolve("other");
    train(options(out).withMaxSteps(2), genesis);
    byte[] changed = new byte[genesis.length()];
    for (int i = 0; i < changed.length; i++) {
      changed[i] = (byte) genesis.token(i);
    }
    changed[changed.length - 1] = '!'; // one byte of training text, at the end
    Corpus other = Corpus.of(changed, "Genesis with one byte changed", null);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> train(options(out).withResume(true), other));

    assertEquals(
        "--resume: no usable checkpoint of TinyKjv in " + out.resolve("checkpoints"),
        e.getMessage());
    String said = err.text();
    assertTrue(said.contains("belongs to another run: its train_data is \"text "), said);
    assertTrue(said.contains(genesis.fingerprint()) && said.contains(other.fingerprint()), said);
  }
}
