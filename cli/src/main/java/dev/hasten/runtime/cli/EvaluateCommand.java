package dev.hasten.runtime.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.data.TextFile;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.ModelFolder;
import dev.hasten.runtime.export.TokenEvaluation;
import dev.hasten.runtime.report.ConfusionPlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hasten evaluate RUN_DIR|MODEL_DIR [--data DIR|FILE]}: an image model's accuracy, loss and
 * confusion matrix on a test split; a language model's validation loss, bits per character and
 * next-token accuracy on the validation windows of its text ({@link TokenEvaluation}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate an exported model on a test split: accuracy, loss and a confusion matrix (also"
            + " written as a PNG); for a language model, validation loss in nats and bits per"
            + " character and next-token accuracy on the validation windows of its text.")
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN_DIR|MODEL_DIR", description = "a run folder or its model/ folder")
  Path path;

  @Option(
      names = "--data",
      paramLabel = "DIR|FILE",
      description =
          "folder with the IDX test split (default: where training looks); for a language model, a"
              + " text file whose validation side is read (default: the King James Bible)")
  Path data;

  @Option(
      names = "--windows",
      paramLabel = "N",
      description =
          "a language model's validation windows, spread over the validation text (default: "
              + TextDataset.DEFAULT_WINDOW_LIMIT
              + ", as training evaluates)")
  Integer windows;

  @Option(
      names = "--png",
      paramLabel = "FILE",
      description =
          "confusion-matrix image (default: confusion-matrix.png beside the model folder)")
  Path png;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Override
  public Integer call() {
    try (Model model = HastenModel.load(path);
        NDManager manager = NDManager.newBaseManager()) {
      ModelDescription d = HastenModel.description(model);
      if (d.isLanguageModel()) {
        return evaluateText(model, d);
      }
      if (windows != null) {
        throw new InvalidInputException(
            "--windows counts a language model's validation windows; "
                + d.simpleName()
                + "'s model is an image model");
      }
      ImageDataset split = EvaluationData.idx(data).split(d, manager);
      Evaluation e = Evaluation.of(model, split);
      Path image =
          png != null
              ? png
              : ModelFolder.of(path).toAbsolutePath().getParent().resolve("confusion-matrix.png");
      ConfusionPlot.write(
          image, e.confusion(), d.classNames(), d.simpleName() + ": confusion matrix");
      System.out.println(json ? json(e, d, image) : text(e, d.classNames(), image));
      return HastenCli.OK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int evaluateText(Model model, ModelDescription d) {
    if (png != null) {
      throw new InvalidInputException(
          "--png draws an image model's confusion matrix; "
              + d.simpleName()
              + "'s model is a language model, which has none");
    }
    int limit = windows == null ? TextDataset.DEFAULT_WINDOW_LIMIT : windows;
    if (limit < 1) {
      throw new InvalidInputException("--windows must be at least 1, got " + limit);
    }
    TextDataset.Builder validation =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optWindowLimit(limit)
            .optTokenizer(HastenModel.tokenizer(path, d));
    if (data != null) {
      validation.optFile(TextFile.require(data, "--data"));
    }
    TokenEvaluation e = TokenEvaluation.of(model, validation.build());
    System.out.println(json ? json(e, d) : text(e, d));
    return HastenCli.OK;
  }

  static String text(TokenEvaluation e, ModelDescription d) {
    return String.format(
        Locale.ROOT,
        "validation loss %.6f nats per token, %.6f bits per character%n"
            + "next-token accuracy %s (%,d of %,d tokens in %,d windows of %d)",
        e.loss(),
        e.bitsPerChar(),
        e.accuracy(),
        e.correct(),
        e.predictions(),
        e.windows(),
        d.tokens().sequenceLength());
  }

  static String json(TokenEvaluation e, ModelDescription d) {
    JsonObject o = new JsonObject();
    o.addProperty("pipeline", d.simpleName());
    o.addProperty("windows", e.windows());
    o.addProperty("predictions", e.predictions());
    o.addProperty("test_acc", e.accuracy());
    o.addProperty("test_loss", e.loss());
    o.addProperty("bits_per_char", e.bitsPerChar());
    return o.toString();
  }

  static String text(Evaluation e, List<String> classes, Path image) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "accuracy %s (%,d of %,d images)%n", e.accuracy(), e.correct(), e.examples()));
    out.append(String.format("loss %.6f%n", e.loss()));
    out.append("confusion matrix (rows: true class, columns: predicted class)\n");
    int width = 6;
    for (long[] row : e.confusion()) {
      for (long v : row) {
        width = Math.max(width, Long.toString(v).length() + 1);
      }
    }
    int label = classes.stream().mapToInt(String::length).max().orElse(1) + 2;
    out.append(" ".repeat(label));
    for (int p = 0; p < classes.size(); p++) {
      out.append(String.format("%" + width + "d", p));
    }
    out.append('\n');
    for (int t = 0; t < classes.size(); t++) {
      out.append(String.format("%-" + label + "s", t + " " + classes.get(t)));
      for (long v : e.confusion()[t]) {
        out.append(String.format("%" + width + "d", v));
      }
      out.append('\n');
    }
    out.append("confusion matrix image: ").append(image);
    return out.toString();
  }

  static String json(Evaluation e, ModelDescription d, Path image) {
    JsonObject o = new JsonObject();
    o.addProperty("pipeline", d.simpleName());
    o.addProperty("examples", e.examples());
    o.addProperty("test_acc", e.accuracy());
    o.addProperty("test_loss", e.loss());
    JsonArray classes = new JsonArray();
    d.classNames().forEach(classes::add);
    o.add("classes", classes);
    JsonArray rows = new JsonArray();
    for (long[] row : e.confusion()) {
      JsonArray r = new JsonArray();
      for (long v : row) {
        r.add(v);
      }
      rows.add(r);
    }
    o.add("confusion", rows);
    o.addProperty("confusion_png", image.toString());
    return o.toString();
  }
}
