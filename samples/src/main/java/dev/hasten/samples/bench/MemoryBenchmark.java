package dev.hasten.samples.bench;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import com.google.inject.AbstractModule;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.samples.FashionBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Steady memory: trains {@link FashionBaseline} for 5,000 steps (checkpoints and evaluations
 * included, as in a real run) and records, every 500 steps, the process's resident memory, the JVM
 * heap in use, and the NDArrays alive under the run's manager with their bytes (the native memory
 * DJL holds for the run). The figures must stay flat after warm-up.
 *
 * <p>Run: {@code ./hasten-bench MemoryBenchmark [steps] [every]}.
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  /** One sample. */
  record Sample(long step, double rssMiB, double heapMiB, int liveArrays, double liveMiB) {}

  public static void main(String[] args) throws IOException {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 5000;
    long every = args.length > 1 ? Long.parseLong(args[1]) : 500;
    List<Sample> samples = new ArrayList<>();
    StepObserver sampler =
        (boundary, run, step) -> {
          if (boundary == StepObserver.Boundary.STEP_END && run.stepsTaken() % every == 0) {
            samples.add(sample(run));
            Sample s = samples.get(samples.size() - 1);
            System.out.printf(
                "step %5d: RSS %7.1f MiB, heap %6.1f MiB, %4d live NDArrays (%6.1f MiB)%n",
                s.step(), s.rssMiB(), s.heapMiB(), s.liveArrays(), s.liveMiB());
          }
        };
    Path out = Files.createTempDirectory("hasten-memory");
    int batches = 468; // FashionBaseline's steps per epoch on the full training set
    RunOptions options =
        RunOptions.defaults()
            .withEpochs((int) ((steps + batches - 1) / batches))
            .withMaxSteps(steps)
            .withOut(out)
            .withProgressBar(false);
    Hasten.train(
        FashionBaseline.class,
        options,
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(StepObserver.class).toInstance(sampler);
          }
        });
    // Warm-up: the first 1,000 steps (the JIT, libtorch's allocator caches, the first
    // evaluation and checkpoint all settle by then).
    Sample warm = samples.get(Math.min(1, samples.size() - 1));
    double rssDrift = 0;
    double heapDrift = 0;
    for (Sample s : samples.subList(samples.indexOf(warm), samples.size())) {
      rssDrift = Math.max(rssDrift, Math.abs(s.rssMiB() / warm.rssMiB() - 1));
      heapDrift = Math.max(heapDrift, Math.abs(s.liveMiB() / Math.max(warm.liveMiB(), 1e-9) - 1));
    }
    System.out.printf(
        "after warm-up (from step %d): RSS within %.1f%%, live NDArray bytes within %.1f%%%n",
        warm.step(), 100 * rssDrift, 100 * heapDrift);
  }

  private static Sample sample(Run run) {
    // Measure what is retained, not garbage the collector has not reached yet: otherwise the
    // resident size follows the JVM's lazy heap growth rather than the loop.
    System.gc();
    Runtime jvm = Runtime.getRuntime();
    List<NDArray> live = ((BaseNDManager) run.manager()).getManagedArrays();
    long bytes = 0;
    for (NDArray a : live) {
      bytes += a.size() * a.getDataType().getNumOfBytes();
    }
    return new Sample(
        run.stepsTaken(),
        residentMiB(),
        (jvm.totalMemory() - jvm.freeMemory()) / 1048576.0,
        live.size(),
        bytes / 1048576.0);
  }

  /** VmRSS from /proc/self/status (Linux). */
  private static double residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return Double.NaN;
  }
}
