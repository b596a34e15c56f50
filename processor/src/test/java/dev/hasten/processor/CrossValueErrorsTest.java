package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Rule 5: checks across values, reported on the value to change. */
class CrossValueErrorsTest {

  private static void assertRejected(String file, String message, String line) {
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(file)).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aGhostBatchLargerThanTheBatchIsRejectedOnItsValue() {
    assertRejected(
        "bad/GhostBatchLargerThanBatch.java",
        "@GhostBatchNorm(ghostBatchSize = 512): ghostBatchSize must divide the pipeline's"
            + " batchSize, 256",
        "ghostBatchSize = 512");
  }

  @Test
  void delayPlusFinetuneAboveOneIsRejectedOnTheLastFractionWritten() {
    assertRejected(
        "bad/ResizingFractionsAboveOne.java",
        "@ProgressiveResizing(delayFraction = 0.6, finetuneFraction = 0.5): delayFraction +"
            + " finetuneFraction must be at most 1, but is 1.1",
        "finetuneFraction = 0.5");
  }

  @Test
  void swaStartAfterEndIsRejectedOnEnd() {
    assertRejected(
        "bad/SwaStartAfterEnd.java",
        "@Swa(start = 0.9, end = 0.5): start must be less than end",
        "end = 0.5");
  }
}
