package dev.hasten.runtime.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.ModelFolder;
import dev.hasten.runtime.report.ConfusionPlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hasten evaluate RUN_DIR|MODEL_DIR [--data DIR]}: accuracy, loss, confusion matrix. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate an exported model on a test split: accuracy, loss and a confusion matrix (also"
            + " written as a PNG).")
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN_DIR|MODEL_DIR", description = "a run folder or its model/ folder")
  Path path;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "folder with the IDX test split (default: where training looks)")
  Path data;

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
      HastenModel.requireImageModel(d);
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
