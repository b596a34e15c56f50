package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.PlainProgress;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loss of a language model, and its evaluation, on cases worked out by hand: a model whose
 * logits are given, on a text whose every window is known.
 */
class SequenceEvaluationTest {
  @TempDir Path tmp;

  /**
   * Two windows of two positions, two classes. Window 0: logits (0, ln 3) against class 1, then (0,
   * 0) against class 0; window 1: (ln 3, 0) against class 0, then (0, 0) against class 1.
   * softmax(0, ln 3) = (1/4, 3/4), so the first position of each window costs −ln(3/4) = ln(4/3),
   * the second −ln(1/2) = ln 2. The mean over all four positions is (2 ln(4/3) + 2 ln 2) / 4 =
   * ln(8/3) / 2 = 0.490415; a mean over windows of the per-window sums would be twice that.
   */
  @Test
  void crossEntropyAveragesOverWindowsAndPositions() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float ln3 = (float) Math.log(3);
      NDArray logits = manager.create(new float[] {0, ln3, 0, 0, ln3, 0, 0, 0}, new Shape(2, 2, 2));
      NDArray labels = manager.create(new long[] {1, 0, 0, 1}, new Shape(2, 2));
      NDArray targets = labels.oneHot(2);

      double loss = CrossEntropy.mean(logits, targets).getFloat();

      assertEquals(Math.log(8.0 / 3) / 2, loss, 1e-6);
    }
  }

  /**
   * The text is "aabc" repeated (40,960 bytes: one group of the standard split, so one block of
   * 4,096 bytes is held out, starting at a multiple of 4). The model gives the input token logit ln
   * 257 and every other 0, so each position predicts its own input again, with probability 257/512
   * (257 + 255·1 = 512), and any other token 1/512. Windows of T = 4 tile the held-out block from
   * its start, so each reads inputs a a b c against labels a b c a: in each window exactly one
   * position (the first) is predicted right. So the accuracy is 1/4; the loss per position is
   * ln(512/257) once and ln 512 three times, a mean of ln 512 − ln(257)/4 = 4.773099 nats; in bits,
   * 9 − log2(257)/4 = 6.886224.
   */
  @Test
  void evaluationReportsNatsAccuracyAndBitsPerCharOverEveryPosition() throws IOException {
    Corpus text =
        Corpus.of("aabc".repeat(10_240).getBytes(StandardCharsets.US_ASCII), "aabc", null);
    TextDataset validation =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optCorpus(text)
            .optWindowLimit(10)
            .optSequenceLength(4)
            .build();
    RunSpec spec =
        RunSpec.builder()
            .setPipeline("test.Repeat")
            .setBatchSize(2)
            .setClasses(ByteTokens.VOCABULARY)
            .optSequenceLength(4)
            .build();
    float own = (float) Math.log(257);
    Block repeat =
        new LambdaBlock(
            inputs -> new NDList(inputs.singletonOrThrow().oneHot(ByteTokens.VOCABULARY).mul(own)));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (NDManager manager = NDManager.newBaseManager();
        MetricsLog metrics = new MetricsLog(tmp)) {
      repeat.initialize(manager, DataType.INT64, new Shape(1, 4));
      Evaluation evaluation =
          new Evaluation(
              new WindowData(validation),
              spec,
              repeat,
              new ParameterStore(manager, false),
              manager,
              metrics,
              new PlainProgress(quiet, "Repeat"),
              new TrainingClock());

      evaluation.evaluate(0, 7);

      double nats = Math.log(512) - Math.log(257) / 4;
      assertEquals(0.25, evaluation.lastTestAcc(), 0);
      assertEquals(nats, evaluation.lastTestLoss(), 1e-5);
    }
    List<JsonObject> lines = SequenceRunTest.lines(tmp, true);
    assertEquals(1, lines.size());
    assertEquals(0.25, lines.get(0).get("test_acc").getAsDouble(), 0);
    assertEquals(
        9 - Math.log(257) / Math.log(2) / 4, lines.get(0).get("bits_per_char").getAsDouble(), 1e-5);
  }
}
