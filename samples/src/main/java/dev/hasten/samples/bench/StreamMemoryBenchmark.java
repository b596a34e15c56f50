package dev.hasten.samples.bench;

import com.google.inject.AbstractModule;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.ImageFolderOptions;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.samples.SyntheticStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Bigger than memory: trains {@link SyntheticStream} on a generated image folder ({@code
 * scripts/write-synthetic-images.py}, a million 32×32 RGB images) with a data memory budget far
 * below the size of its cache, so that the run streams, and samples the process's resident memory
 * every few steps: VmRSS, and its anonymous (heap, native arrays, buffers) and file-backed (mapped
 * files) parts, from {@code /proc/self/status}. Resident memory must stay within 5% of its value at
 * step 1,000 to the end.
 *
 * <p>The first use of the folder builds its cache (decoding every image once); the table starts
 * after. Each sample is taken after a {@code System.gc()}, as in {@link MemoryBenchmark}, so that
 * the heap shows what is retained rather than how lazily the collector runs.
 *
 * <p>Run: {@code ./hasten-bench StreamMemoryBenchmark DIR [steps] [every] [budget]} (defaults 5000,
 * 250, 512M; see docs/BENCHMARKS.md).
 */
public final class StreamMemoryBenchmark {
  private StreamMemoryBenchmark() {}

  /** One sample, in KiB as /proc reports them. */
  record Sample(long step, long rss, long anon, long file) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: StreamMemoryBenchmark DIR [steps] [every] [budget]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 5000;
    long every = args.length > 2 ? Long.parseLong(args[2]) : 250;
    String budgetText = args.length > 3 ? args[3] : "512M";
    long budget = RunOptions.parseDataMemory(budgetText);
    List<Sample> samples = new ArrayList<>();
    StepObserver sampler =
        (boundary, run, step) -> {
          if (boundary == StepObserver.Boundary.STEP_END
              && (run.stepsTaken() % every == 0 || run.stepsTaken() == 1)) {
            System.gc();
            Sample s = sample(run.stepsTaken());
            samples.add(s);
            System.out.printf(
                Locale.ROOT,
                "step %5d: VmRSS %7.1f MiB, RssAnon %7.1f MiB, RssFile %6.1f MiB%n",
                s.step(),
                s.rss() / 1024.0,
                s.anon() / 1024.0,
                s.file() / 1024.0);
          }
        };
    Path out = Files.createTempDirectory("hasten-stream-memory");
    RunOptions options =
        RunOptions.defaults()
            .withData(folder)
            .withDataMemory(budget)
            .withMaxSteps(steps)
            .withOut(out)
            .withProgressBar(false);
    long started = System.nanoTime();
    RunResult result =
        Hasten.train(
            SyntheticStream.class,
            options,
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(StepObserver.class).toInstance(sampler);
              }
            });
    double wallSeconds = (System.nanoTime() - started) / 1e9;

    long cacheBytes = cacheBytes(folder);
    System.out.printf(
        Locale.ROOT,
        "%n%s: %d steps, data %s, test accuracy %.2f%%, %,.0f images/s on the training clock (%.0f s; %.0f s in all,"
            + " the cache's first build included)%n",
        result.pipeline(),
        result.steps(),
        result.data(),
        100 * result.finalTestAcc(),
        result.imagesPerSecond(),
        result.trainSeconds(),
        wallSeconds);
    System.out.printf(
        Locale.ROOT,
        "caches of the folder: %.2f GiB; data memory budget %s = %.2f GiB (%.1f times smaller)%n%n",
        cacheBytes / (double) (1L << 30),
        budgetText,
        budget / (double) (1L << 30),
        cacheBytes / (double) budget);
    Sample reference = null;
    for (Sample s : samples) {
      if (s.step() >= 1000 && reference == null) {
        reference = s;
      }
    }
    System.out.println(
        "| step | VmRSS MiB | RssAnon MiB | RssFile MiB | VmRSS against step "
            + (reference == null ? "-" : reference.step())
            + " |");
    System.out.println("|---:|---:|---:|---:|---:|");
    double worst = 0;
    for (Sample s : samples) {
      String against = "";
      if (reference != null && s.step() >= reference.step()) {
        double change = s.rss() / (double) reference.rss() - 1;
        worst = Math.max(worst, Math.abs(change));
        against = String.format(Locale.ROOT, "%+.1f%%", 100 * change);
      }
      System.out.printf(
          Locale.ROOT,
          "| %d | %.1f | %.1f | %.1f | %s |%n",
          s.step(),
          s.rss() / 1024.0,
          s.anon() / 1024.0,
          s.file() / 1024.0,
          against);
    }
    if (reference != null) {
      System.out.printf(
          Locale.ROOT,
          "%nfrom step %d to the end, VmRSS stays within %.1f%% of its value there (limit 5%%): %s%n",
          reference.step(),
          100 * worst,
          worst <= 0.05 ? "met" : "NOT met");
    }
  }

  /** The caches of {@code folder} in the cache folder (their names start with the folder's). */
  private static long cacheBytes(Path folder) throws IOException {
    Path caches = ImageFolderOptions.defaultCacheFolder();
    String prefix = folder.toAbsolutePath().normalize().getFileName() + "-";
    long total = 0;
    try (Stream<Path> files = Files.list(caches)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        total += Files.size(f);
      }
    }
    return total;
  }

  /** VmRSS, RssAnon and RssFile from /proc/self/status (Linux), in KiB. */
  private static Sample sample(long step) {
    long rss = -1;
    long anon = -1;
    long file = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("RssAnon:")) {
          anon = kib(line);
        } else if (line.startsWith("RssFile:")) {
          file = kib(line);
        }
      }
    } catch (IOException e) {
      // not Linux: the sample stays at -1
    }
    return new Sample(step, rss, anon, file);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("\\D", ""));
  }
}
