package dev.hasten.samples.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.model.Models;
import dev.hasten.samples.FashionBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times the generated loop of {@link FashionBaseline} against a hand-written DJL loop ({@code
 * Trainer.iterateDataset} + {@code EasyTrain.trainBatch} + {@code step}) on the same model, batch
 * size, data and device, for the same number of steps, alternating the two in one process so that
 * machine noise hits both alike. Prints images per second of each round and the ratio of the
 * medians.
 *
 * <p>Run: {@code ./hasten-bench loop [steps] [rounds]} (see docs/BENCHMARKS.md).
 */
public final class LoopBenchmark {
  private LoopBenchmark() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int batchSize = FashionBaseline.class.getAnnotation(dev.hasten.dsl.Pipeline.class).batchSize();
    List<Double> djl = new ArrayList<>();
    List<Double> hasten = new ArrayList<>();
    Path out = Files.createTempDirectory("hasten-loop-bench");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      ImageDataset train = new Datasets(DataLocation.standard(), manager).fashionMnist(Split.TRAIN);
      System.out.printf(
          "loop benchmark: %d steps of batch %d, %d rounds, %s%n", steps, batchSize, rounds, train);
      for (int round = 1; round <= rounds; round++) {
        double d = djlLoop(train.withSampling(batchSize, true), steps, batchSize);
        double h = generatedLoop(steps, out.resolve("round-" + round));
        djl.add(d);
        hasten.add(h);
        System.out.printf(
            "round %d: hand-written DJL %.0f images/s, generated %.0f images/s (x%.3f)%n",
            round, d, h, h / d);
      }
    }
    double ratio = median(hasten) / median(djl);
    System.out.printf(
        "median: hand-written DJL %.0f images/s, generated %.0f images/s, generated/DJL = %.3f%n",
        median(djl), median(hasten), ratio);
  }

  /** The generated FashionBaseline loop; its train_seconds exclude data loading and evaluation. */
  private static double generatedLoop(int steps, Path out) {
    RunOptions options =
        RunOptions.defaults()
            .withMaxSteps(steps)
            .withOut(out)
            .withProgressBar(false)
            .withDevice(RunOptions.DeviceChoice.CPU);
    RunResult result = Hasten.train(FashionBaseline.class, options);
    return result.imagesPerSecond();
  }

  /** DJL's own way: a Trainer over the same resident data, SGD with momentum, no listeners. */
  private static double djlLoop(Dataset data, int steps, int batchSize)
      throws IOException, ai.djl.translate.TranslateException {
    try (Model model = Model.newInstance("baseline-cnn", Device.cpu())) {
      model.setBlock(new Models().baselineCnn(10));
      Optimizer sgd =
          Optimizer.sgd()
              .setLearningRateTracker(Tracker.fixed(0.05f))
              .optMomentum(0.9f)
              .optWeightDecays(5e-4f)
              .build();
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(sgd)
              .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 1, 28, 28));
        long done = 0;
        long start = System.nanoTime();
        while (done < steps) {
          for (Batch batch : trainer.iterateDataset(data)) {
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
            batch.close();
            if (++done == steps) {
              break;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return steps * (double) batchSize / seconds;
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
