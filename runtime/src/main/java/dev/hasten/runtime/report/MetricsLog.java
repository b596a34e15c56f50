package dev.hasten.runtime.report;

import dev.hasten.runtime.InvalidInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, flushed line by line so that a crash loses at
 * most the line being written. Training lines carry step, epoch, time_s, train_loss, lr; evaluation
 * lines carry "event":"eval", epoch, step, time_s, test_acc, test_loss, and for a language model
 * bits_per_char.
 *
 * <p>A line that cannot be written (a full disk) stops the run with one line naming the file and
 * the cause; a half-written line is harmless, because a resumed run cuts the log back to its
 * checkpoint's length first.
 */
public final class MetricsLog implements AutoCloseable {
  public static final String FILE_NAME = "metrics.jsonl";

  private final BufferedWriter writer;
  private final Path file;

  /** Opens {@code dir/metrics.jsonl}, appending if it exists (a resumed run continues it). */
  public MetricsLog(Path dir) throws IOException {
    file = dir.resolve(FILE_NAME);
    writer =
        Files.newBufferedWriter(
            dir.resolve(FILE_NAME),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
  }

  /**
   * Cuts {@code dir/metrics.jsonl} back to its first {@code bytes} bytes: a resumed run drops the
   * lines written after its checkpoint, since it writes them again.
   */
  public static void truncate(Path dir, long bytes) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (Files.exists(file) && Files.size(file) > bytes) {
      try (java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(bytes);
      }
    }
  }

  /** The length of the log so far, every line flushed. */
  public long bytesWritten() {
    try {
      writer.flush();
      return Files.size(file);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  public void training(long step, int epoch, double timeSeconds, double trainLoss, double lr) {
    Map<String, Object> line = Json.object();
    line.put("step", step);
    line.put("epoch", epoch);
    line.put("time_s", round(timeSeconds));
    line.put("train_loss", trainLoss);
    line.put("lr", lr);
    write(line);
  }

  public void evaluation(
      int epoch, long step, double timeSeconds, double testAcc, double testLoss) {
    Map<String, Object> line = Json.object();
    line.put("event", "eval");
    line.put("epoch", epoch);
    line.put("step", step);
    line.put("time_s", round(timeSeconds));
    line.put("test_acc", testAcc);
    line.put("test_loss", testLoss);
    write(line);
  }

  /**
   * An evaluation line of a language model: also {@code bits_per_char}, the loss (nats per token)
   * over ln 2.
   */
  public void evaluation(
      int epoch,
      long step,
      double timeSeconds,
      double testAcc,
      double testLoss,
      double bitsPerChar) {
    Map<String, Object> line = Json.object();
    line.put("event", "eval");
    line.put("epoch", epoch);
    line.put("step", step);
    line.put("time_s", round(timeSeconds));
    line.put("test_acc", testAcc);
    line.put("test_loss", testLoss);
    line.put("bits_per_char", bitsPerChar);
    write(line);
  }

  private void write(Map<String, Object> line) {
    try {
      writer.write(Json.line(line));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  private InvalidInputException cannotWrite(IOException e) {
    return new InvalidInputException(
        "cannot append to "
            + file
            + ": "
            + e.getMessage()
            + "; make room, then continue the run from its last checkpoint with --resume",
        e);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000.0) / 1000.0;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
