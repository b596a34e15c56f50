package dev.hasten.samples.export;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by the round-trip tests: loads an exported model, evaluates it on the IDX test
 * split of a folder, and writes the accuracy, the example count and every logit to a file.
 *
 * <p>Usage: {@code EvaluateExported MODEL_DIR DATA_DIR OUT_FILE}.
 */
public final class EvaluateExported {
  private EvaluateExported() {}

  public static void main(String[] args) throws IOException {
    try (Model model = HastenModel.load(Path.of(args[0]));
        NDManager manager = NDManager.newBaseManager()) {
      Evaluation e =
          Evaluation.of(
              model,
              EvaluationData.idx(Path.of(args[1])).split(HastenModel.description(model), manager));
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[2])))) {
        out.writeDouble(e.accuracy());
        out.writeInt(e.logits().length);
        for (float f : e.logits()) {
          out.writeFloat(f);
        }
      }
    }
  }
}
