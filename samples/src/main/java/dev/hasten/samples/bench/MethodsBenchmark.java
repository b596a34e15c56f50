package dev.hasten.samples.bench;

import dev.hasten.dsl.Speedup;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures every catalog method on full Fashion-MNIST: each pipeline of {@link MethodPipelines}
 * trains its 2 epochs, and its training seconds, wall-clock seconds and final test accuracy go into
 * {@value #RESULTS} beside the same numbers for its baseline, measured in the same invocation.
 * {@link MethodsDoc} turns that file into docs/METHODS.md. A method that needs a GPU is skipped on
 * a machine without one.
 *
 * <p>Run from the repository root, alone on the machine (it is a heavy run):
 *
 * <pre>
 *   flock /tmp/hasten-heavy.lock ./hasten-bench MethodsBenchmark [Pipeline ...]
 * </pre>
 *
 * Without names it runs every pipeline; with names (simple names of {@link MethodPipelines}'
 * classes, e.g. {@code CnnSam}) only those, keeping the other rows of the file.
 */
public final class MethodsBenchmark {
  /** The measurements, one tab-separated row per pipeline, read by {@link MethodsDoc}. */
  public static final String RESULTS = "docs/methods-measured.tsv";

  static final String HEADER =
      "pipeline\tmethod\tmodel\tepochs\tsteps\ttrain_seconds\twall_seconds\tfinal_test_acc";

  private MethodsBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<String> only = List.of(args);
    Path results = Paths.get(RESULTS);
    Map<String, String> rows = read(results);
    Path out = Files.createTempDirectory("hasten-methods-bench");
    for (List<Class<?>> group : List.of(MethodPipelines.CNN, MethodPipelines.RESNET)) {
      for (Class<?> pipeline : group) {
        if (!only.isEmpty() && !only.contains(pipeline.getSimpleName())) {
          continue;
        }
        String method = method(pipeline);
        if (needsGpu(pipeline)) {
          System.out.printf(
              "%s: needs a GPU, not measured on this machine%n", pipeline.getSimpleName());
          continue;
        }
        long started = System.nanoTime();
        RunResult r;
        try {
          r =
              Hasten.train(
                  pipeline,
                  RunOptions.defaults()
                      .withOut(out.resolve(pipeline.getSimpleName()))
                      .withProgressBar(false));
        } catch (RuntimeException e) {
          // One broken method must not cost the others' measurements: report it and go on.
          System.out.printf("%s: FAILED: %s%n", pipeline.getSimpleName(), e);
          e.printStackTrace();
          continue;
        }
        double wall = (System.nanoTime() - started) / 1e9;
        String row =
            String.join(
                "\t",
                pipeline.getSimpleName(),
                method,
                group == MethodPipelines.CNN ? "baseline CNN" : "ResNet TINY",
                Integer.toString(r.epochs()),
                Long.toString(r.steps()),
                format(r.trainSeconds()),
                format(wall),
                String.format(Locale.ROOT, "%.4f", r.finalTestAcc()));
        rows.put(pipeline.getSimpleName(), row);
        System.out.println("measured: " + row);
        write(results, rows);
      }
    }
  }

  /** The simple names of the pipeline's speedups joined by " + ", or "baseline". */
  static String method(Class<?> pipeline) {
    List<String> names = new ArrayList<>();
    for (Annotation a : pipeline.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(Speedup.class)) {
        names.add(a.annotationType().getSimpleName());
      }
    }
    return names.isEmpty() ? "baseline" : String.join(" + ", names);
  }

  private static boolean needsGpu(Class<?> pipeline) {
    for (Annotation a : pipeline.getAnnotations()) {
      Speedup s = a.annotationType().getAnnotation(Speedup.class);
      if (s != null && List.of(s.requires()).contains(dev.hasten.dsl.Requirement.GPU)) {
        return ai.djl.engine.Engine.getInstance().getGpuCount() == 0;
      }
    }
    return false;
  }

  private static String format(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }

  /** The rows of {@code file} by pipeline, in file order; empty when there is no file. */
  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && !line.equals(HEADER)) {
          rows.put(line.substring(0, line.indexOf('\t')), line);
        }
      }
    }
    return rows;
  }

  private static void write(Path file, Map<String, String> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (List<Class<?>> group : List.of(MethodPipelines.CNN, MethodPipelines.RESNET)) {
      for (Class<?> pipeline : group) {
        String row = rows.get(pipeline.getSimpleName());
        if (row != null) {
          lines.add(row);
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines);
  }
}
