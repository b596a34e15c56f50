package dev.hasten.runtime.cli;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ImageFiles;
import dev.hasten.runtime.export.ModelDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hasten predict RUN_DIR|MODEL_DIR IMAGE...}: the top classes of each image, one line per
 * image, and the throughput on stderr. Images go through the model in batches; the first image that
 * is not an image stops the command (the lines already printed stand).
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Classify images with an exported model.")
final class PredictCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR|MODEL_DIR",
      description = "a run folder or its model/ folder")
  Path path;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "IMAGE",
      description = "image files (PNG, JPEG, ...)")
  List<Path> images;

  @Option(names = "--top", paramLabel = "K", description = "classes per image (default 3)")
  int top = 3;

  @Option(names = "--batch", paramLabel = "N", description = "images per forward pass (default 64)")
  int batch = 64;

  @Option(names = "--json", description = "one JSON object per image instead of text")
  boolean json;

  @Override
  public Integer call() throws TranslateException {
    if (top < 1 || batch < 1) {
      throw new InvalidInputException("--top and --batch must be at least 1");
    }
    long started = System.nanoTime();
    try (Model model = HastenModel.load(path);
        Predictor<Image, Classifications> predictor = HastenModel.newPredictor(model)) {
      ModelDescription d = HastenModel.description(model);
      int k = Math.min(top, d.classNames().size());
      boolean told = false;
      long predictStarted = System.nanoTime();
      for (int from = 0; from < images.size(); from += batch) {
        List<Path> files = images.subList(from, Math.min(from + batch, images.size()));
        List<Image> decoded = new ArrayList<>(files.size());
        for (Path file : files) {
          Image image = ImageFiles.read(file);
          Optional<String> conversion = ImageFiles.conversion(image, d);
          if (conversion.isPresent() && !told) {
            System.err.println("hasten: " + file + " is " + conversion.get() + " (said once)");
            told = true;
          }
          decoded.add(image);
        }
        List<Classifications> results = predictor.batchPredict(decoded);
        for (int i = 0; i < files.size(); i++) {
          System.out.println(
              json ? json(files.get(i), results.get(i), k) : text(files.get(i), results.get(i), k));
        }
      }
      double seconds = (System.nanoTime() - predictStarted) / 1e9;
      System.err.printf(
          "hasten: %,d images in %.2f s: %,.0f images/s (reading and decoding included; %.2f s"
              + " loading the model)%n",
          images.size(), seconds, images.size() / seconds, (predictStarted - started) / 1e9);
      return HastenCli.OK;
    }
  }

  static String text(Path file, Classifications c, int k) {
    StringBuilder line = new StringBuilder(file.toString()).append(':');
    for (Classifications.Classification item : c.topK(k)) {
      line.append(String.format("  %s %.1f%%", item.getClassName(), 100 * item.getProbability()));
    }
    return line.toString();
  }

  static String json(Path file, Classifications c, int k) {
    JsonObject o = new JsonObject();
    o.addProperty("image", file.toString());
    JsonArray top = new JsonArray();
    for (Classifications.Classification item : c.topK(k)) {
      JsonObject entry = new JsonObject();
      entry.addProperty("class", item.getClassName());
      entry.addProperty("probability", item.getProbability());
      top.add(entry);
    }
    o.add("top", top);
    return o.toString();
  }
}
