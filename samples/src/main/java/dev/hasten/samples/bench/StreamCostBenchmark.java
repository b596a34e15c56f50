package dev.hasten.samples.bench;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.ImageFolderData;
import dev.hasten.runtime.data.ImageFolderOptions;
import dev.hasten.samples.FolderBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What streaming costs: on full Fashion-MNIST as an image folder ({@code
 * scripts/write-fashion-pngs.py}), in one process, {@link FolderBaseline} (FashionBaseline's model
 * and recipe) trained from the folder's cache resident (a data memory budget of 8 GiB) and streamed
 * (1 MiB), alternating.
 *
 * <ol>
 *   <li>The cache build: a fresh cache folder, the first use of both splits (scan, decode on all
 *       cores, write), in images/s.
 *   <li>Speed rounds: {@code rounds} pairs of one-epoch runs, resident then streamed, then streamed
 *       then resident in the next pair, so that a drift of the machine's speed falls on both paths
 *       alike; training images/s on the run's training clock, and their ratio per pair.
 *   <li>The accuracy pair: FashionBaseline's {@code epochs} epochs on each path, its final test
 *       accuracy and images/s.
 * </ol>
 *
 * <p>Run: {@code ./hasten-bench StreamCostBenchmark DIR [rounds] [epochs]} (defaults 3 and 8; see
 * docs/BENCHMARKS.md).
 */
public final class StreamCostBenchmark {
  private static final long RESIDENT_BUDGET = 8L << 30;
  private static final long STREAMED_BUDGET = 1L << 20;

  private StreamCostBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: StreamCostBenchmark DIR [rounds] [epochs]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path work = Files.createTempDirectory("hasten-stream-cost");
    Path cache = work.resolve("cache");

    ImageFolderOptions options =
        ImageFolderOptions.builder()
            .setImageShape(1, 28, 28)
            .optClasses(10)
            .optCacheFolder(cache)
            .build();
    long t0 = System.nanoTime();
    ImageFolderData data = ImageFolderData.open(folder, options);
    long images = data.split(Split.TRAIN).size() + data.split(Split.TEST).size();
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "cache build: %,d images in %.1f s, %,.0f images/s on %d cores%n%n",
        images,
        buildSeconds,
        images / buildSeconds,
        Runtime.getRuntime().availableProcessors());

    RunOptions base =
        RunOptions.defaults().withData(folder).withCacheFolder(cache).withProgressBar(false);
    System.out.println("| pair | resident images/s | streamed images/s | streamed / resident |");
    System.out.println("|---|---:|---:|---:|");
    double[] ratios = new double[rounds];
    for (int pair = 1; pair <= rounds; pair++) {
      boolean residentFirst = pair % 2 == 1;
      RunResult first = train(base.withEpochs(1), work, "speed-" + pair + "-a", residentFirst);
      RunResult second = train(base.withEpochs(1), work, "speed-" + pair + "-b", !residentFirst);
      RunResult resident = residentFirst ? first : second;
      RunResult streamed = residentFirst ? second : first;
      ratios[pair - 1] = streamed.imagesPerSecond() / resident.imagesPerSecond();
      System.out.printf(
          Locale.ROOT,
          "| %d (%s first) | %,.0f | %,.0f | %.3f |%n",
          pair,
          residentFirst ? "resident" : "streamed",
          resident.imagesPerSecond(),
          streamed.imagesPerSecond(),
          ratios[pair - 1]);
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    System.out.printf(Locale.ROOT, "median ratio %.3f (target >= 0.95)%n%n", median);

    List<RunResult> full = new ArrayList<>();
    full.add(train(base.withEpochs(epochs), work, "full-resident", true));
    full.add(train(base.withEpochs(epochs), work, "full-streamed", false));
    System.out.println("| path | epochs | steps | images/s | final test accuracy |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (RunResult r : full) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %,.0f | %.2f%% |%n",
          r.data(),
          r.epochs(),
          r.steps(),
          r.imagesPerSecond(),
          100 * r.finalTestAcc());
    }
    System.out.printf(
        Locale.ROOT,
        "streamed / resident: images/s %.3f, accuracy %+.2f points%n",
        full.get(1).imagesPerSecond() / full.get(0).imagesPerSecond(),
        100 * (full.get(1).finalTestAcc() - full.get(0).finalTestAcc()));
  }

  private static RunResult train(RunOptions options, Path work, String name, boolean resident) {
    RunResult r =
        Hasten.train(
            FolderBaseline.class,
            options
                .withOut(work.resolve(name))
                .withDataMemory(resident ? RESIDENT_BUDGET : STREAMED_BUDGET));
    String expected = resident ? "resident" : "streamed";
    if (!expected.equals(r.data())) {
      throw new IllegalStateException(name + " ran " + r.data() + ", not " + expected);
    }
    return r;
  }
}
