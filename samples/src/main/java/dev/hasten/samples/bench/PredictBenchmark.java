package dev.hasten.samples.bench;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.samples.FashionBaseline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Prediction through an exported model against the training runtime's own evaluation, in one
 * process, on the same test images:
 *
 * <ol>
 *   <li>the run's evaluation ({@code Run.evaluate}: normalised images resident as one tensor,
 *       chunks of 500), timed between its EVAL_START and EVAL_END boundaries, at the end of
 *       FashionBaseline runs of {@value #STEPS} steps (one per repetition);
 *   <li>the loaded model evaluating the same tensor ({@code Evaluation.of}, also chunks of 500);
 *   <li>the loaded model's DJL predictor on decoded images, {@code batchPredict} in batches of 500:
 *       the translator's grey conversion, normalisation and softmax included, PNG decoding not
 *       (done once before).
 * </ol>
 *
 * Each figure is the best of its repetitions (the machine is shared). Prints a Markdown table.
 *
 * <p>Run: {@code ./hasten-bench PredictBenchmark OUT_DIR [repetitions]} (see docs/BENCHMARKS.md).
 */
public final class PredictBenchmark {
  private static final int BATCH = 500;

  /** Steps of each FashionBaseline run whose final evaluation is timed. */
  private static final int STEPS = 20;

  private PredictBenchmark() {}

  public static void main(String[] args) throws IOException, TranslateException {
    Path out = Path.of(args[0]);
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    EvaluationTimer timer = new EvaluationTimer();
    Path run = null;
    for (int r = 0; r < repetitions; r++) {
      run = out.resolve("run-" + r);
      Hasten.train(
          FashionBaseline.class,
          RunOptions.defaults().withOut(run).withMaxSteps(STEPS).withProgressBar(false),
          binder -> binder.bind(StepObserver.class).toInstance(timer));
    }
    long examples;
    List<Image> images;
    try (NDManager manager = NDManager.newBaseManager();
        Datasets datasets = new Datasets(DataLocation.standard(), manager)) {
      ImageDataset test = datasets.fashionMnist(Split.TEST);
      examples = test.size();
      images = decodedPngs(test.images().toFloatArray(), (int) examples);
    }
    long evaluationBest = Long.MAX_VALUE;
    long predictorBest = Long.MAX_VALUE;
    try (Model model = HastenModel.load(run);
        NDManager manager = NDManager.newBaseManager();
        Predictor<Image, Classifications> predictor = HastenModel.newPredictor(model)) {
      ImageDataset split = EvaluationData.idx(null).split(HastenModel.description(model), manager);
      for (int r = 0; r < repetitions; r++) {
        long start = System.nanoTime();
        Evaluation.of(model, split);
        evaluationBest = Math.min(evaluationBest, System.nanoTime() - start);
        start = System.nanoTime();
        for (int from = 0; from < images.size(); from += BATCH) {
          predictor.batchPredict(images.subList(from, Math.min(from + BATCH, images.size())));
        }
        predictorBest = Math.min(predictorBest, System.nanoTime() - start);
      }
    }
    double runs = examples / (timer.best / 1e9);
    double loaded = examples / (evaluationBest / 1e9);
    double predicted = examples / (predictorBest / 1e9);
    System.out.printf(
        "| what | images/s | against the run's evaluation |%n|---|---:|---:|%n"
            + "| the run's own evaluation (best of %d) | %,.0f | 1.00 |%n"
            + "| the loaded model on the same tensor (best of %d) | %,.0f | %.2f |%n"
            + "| the loaded model's predictor, batches of %d images (best of %d) | %,.0f | %.2f |%n",
        timer.count,
        runs,
        repetitions,
        loaded,
        loaded / runs,
        BATCH,
        repetitions,
        predicted,
        predicted / runs);
  }

  /**
   * The test images as PNG files would give them: pixels back from the normalised tensor
   * (FashionBaseline's mean and standard deviation), encoded and decoded by DJL's image factory.
   */
  private static List<Image> decodedPngs(float[] normalised, int count) throws IOException {
    int side = 28;
    List<Image> images = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      BufferedImage png = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < side * side; p++) {
        float x = normalised[i * side * side + p];
        int pixel = Math.round((x * 0.3530f + 0.2860f) * 255);
        png.getRaster().setSample(p % side, p / side, 0, Math.max(0, Math.min(255, pixel)));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(png, "png", bytes);
      images.add(
          ImageFactory.getInstance()
              .fromInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
    return images;
  }

  /** The shortest of the run's evaluations, timed at their boundaries. */
  private static final class EvaluationTimer implements StepObserver {
    long best = Long.MAX_VALUE;
    int count;
    private long started;

    @Override
    public void at(Boundary boundary, Run run, Step step) {
      if (boundary == Boundary.EVAL_START) {
        started = System.nanoTime();
      } else if (boundary == Boundary.EVAL_END) {
        best = Math.min(best, System.nanoTime() - started);
        count++;
      }
    }
  }
}
