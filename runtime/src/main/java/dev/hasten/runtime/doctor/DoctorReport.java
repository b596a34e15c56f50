package dev.hasten.runtime.doctor;

import com.google.gson.GsonBuilder;
import dev.hasten.dsl.Stage;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.SplitData;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the doctor found for one pipeline: the time of each part of a step, the counts, the
 * bottleneck and the suggestions; printed as a table and written as {@code doctor.json}.
 *
 * <p>Every per-step figure is a mean over the profiled steps. The parts are consecutive intervals
 * between the loop's boundaries, so they sum to the step; the sum is checked against the run's own
 * training clock over the same steps ({@link #differenceFraction()}).
 *
 * <p>On the streamed path ({@link #dataPath()}) the data part is the time the training thread waits
 * for the background reader's batch, plus its upload and normalisation: a reader slower than the
 * step shows there, and makes the data stage the bottleneck.
 */
public final class DoctorReport {
  public static final String FILE_NAME = "doctor.json";

  private final String pipeline;
  private final String device;
  private final RunSpec spec;
  private final int warmupSteps;
  private final SplitData.Residency dataPath;
  private final long profiledSteps;
  private final Map<Part, Double> msPerStep = new EnumMap<>(Part.class);
  private final Map<Part, List<String>> speedupsByPart = new EnumMap<>(Part.class);
  private final double measuredMsPerStep;
  private final long evaluations;
  private final double evaluationMsEach;
  private final double arraysPerStep;
  private final long aliveFirst;
  private final long aliveLast;
  private final double aliveMegabytes;
  private final CostProbe probe;
  private final Diagnosis.Shares shares;
  private final Diagnosis diagnosis;
  private final List<Diagnosis.Suggestion> suggestions;

  DoctorReport(
      Class<?> pipelineClass,
      RunResult result,
      RunSpec spec,
      int warmupSteps,
      StageProfiler profiler,
      CostProbe probe,
      List<Class<? extends java.lang.annotation.Annotation>> catalog) {
    this.pipeline = result.pipeline();
    this.device = result.device();
    this.spec = spec;
    this.warmupSteps = warmupSteps;
    this.profiledSteps = profiler.profiledSteps();
    this.dataPath = profiler.dataPath();
    this.probe = probe;
    long steps = Math.max(1, profiledSteps);
    PipelineSpeedups speedups = PipelineSpeedups.of(pipelineClass);
    for (Part part : Part.values()) {
      if (part.onClock()) {
        msPerStep.put(part, profiler.nanos(part) / 1e6 / steps);
      }
    }
    this.speedupsByPart.putAll(speedupsByPart(speedups));
    this.measuredMsPerStep = profiler.measuredSeconds() * 1e3 / steps;
    this.evaluations = profiler.evaluations();
    this.evaluationMsEach =
        evaluations == 0 ? Double.NaN : profiler.evaluationNanos() / 1e6 / evaluations;
    this.arraysPerStep = profiler.stepArrays() / (double) steps;
    this.aliveFirst = profiler.aliveFirst();
    this.aliveLast = profiler.aliveLast();
    this.aliveMegabytes = profiler.aliveBytesLast() / 1e6;
    this.shares = shares();
    this.diagnosis = Diagnosis.of(shares);
    this.suggestions =
        diagnosis.suggestions(
            catalog,
            speedups,
            spec.traits(),
            Diagnosis.taskProvides(pipelineClass),
            result.device().startsWith("gpu"));
  }

  /**
   * The speedups acting in each part of a step on the training clock, in the order the generated
   * loop calls them.
   */
  static Map<Part, List<String>> speedupsByPart(PipelineSpeedups speedups) {
    Map<Part, List<String>> byPart = new EnumMap<>(Part.class);
    for (Part part : Part.values()) {
      if (part.onClock()) {
        List<String> names = new ArrayList<>();
        for (Stage stage : part.stages()) {
          names.addAll(speedups.at(stage));
        }
        byPart.put(part, names);
      }
    }
    return byPart;
  }

  private double ms(Part part) {
    return msPerStep.getOrDefault(part, 0.0);
  }

  private double groupMs(Part.Group group) {
    double sum = 0;
    for (Part part : msPerStep.keySet()) {
      if (part.group() == group) {
        sum += ms(part);
      }
    }
    return sum;
  }

  /** Milliseconds per step of all parts, the doctor's own work included. */
  public double attributedMsPerStep() {
    return msPerStep.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Milliseconds per step by the run's training clock over the profiled steps. */
  public double measuredMsPerStep() {
    return measuredMsPerStep;
  }

  /** |sum of the parts − measured| / measured. */
  public double differenceFraction() {
    return Math.abs(attributedMsPerStep() - measuredMsPerStep) / measuredMsPerStep;
  }

  /** Milliseconds per step of one part. */
  public double msPerStep(Part part) {
    return ms(part);
  }

  public String bottleneck() {
    return diagnosis.bottleneck().name();
  }

  /** Simple names of the suggested speedups, in catalog order. */
  public List<String> suggestedSpeedups() {
    return suggestions.stream().map(Diagnosis.Suggestion::speedup).toList();
  }

  public long profiledSteps() {
    return profiledSteps;
  }

  /** Where the training split lived: {@code resident} or {@code streamed}, as summary.json says. */
  public String dataPath() {
    return dataPath.toString();
  }

  /** What the data part timed, which depends on the path. */
  private String describe(Part part) {
    if (part == Part.DATA && dataPath == SplitData.Residency.STREAMED) {
      return "data: waiting for the reader's batch, its upload and normalisation";
    }
    return part.description();
  }

  /** The step as a normal run would pay it: the doctor's own work left out. */
  private double stepMsWithoutDoctor() {
    return attributedMsPerStep() - ms(Part.DOCTOR);
  }

  private Diagnosis.Shares shares() {
    double step = Math.max(1e-9, stepMsWithoutDoctor());
    double compute = groupMs(Part.Group.COMPUTE);
    double fixedFraction = probe.fixedForwardFraction();
    double fixedCompute = Double.isNaN(fixedFraction) ? 0 : fixedFraction * compute;
    double fixed = fixedCompute + groupMs(Part.Group.UPDATE) + groupMs(Part.Group.HOST);
    double growth =
        profiledSteps > 1 && aliveFirst >= 0
            ? (aliveLast - aliveFirst) / (double) (profiledSteps - 1)
            : 0;
    return new Diagnosis.Shares(
        groupMs(Part.Group.DATA) / step,
        compute / step,
        groupMs(Part.Group.UPDATE) / step,
        groupMs(Part.Group.HOST) / step,
        fixed / step,
        growth,
        dataPath == SplitData.Residency.STREAMED ? ms(Part.DATA) / step : 0);
  }

  /** The report as the table the command prints. */
  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "hasten doctor: %s on %s, batch %s; %d steps profiled after %d warm-up steps%n",
            pipeline,
            device,
            batch(),
            profiledSteps,
            warmupSteps));
    t.append(
        dataPath == SplitData.Residency.STREAMED
            ? "data: streamed from the image cache by a background reader\n\n"
            : "data: resident on the device\n\n");
    t.append(
        String.format(
            Locale.ROOT, "%-58s %9s %7s  %s%n", "part of a step", "ms/step", "share", "speedups"));
    double step = attributedMsPerStep();
    for (Map.Entry<Part, Double> e : msPerStep.entrySet()) {
      Part part = e.getKey();
      List<String> names = speedupsByPart.get(part);
      String named =
          part.stages().isEmpty() ? "" : names.isEmpty() ? "(none)" : String.join(", ", names);
      t.append(
          String.format(
              Locale.ROOT,
              "%-58s %9.2f %7s  %s%n",
              describe(part),
              e.getValue(),
              String.format(Locale.ROOT, "%.1f%%", 100 * e.getValue() / step),
              named));
    }
    t.append(String.format(Locale.ROOT, "%-58s %9.2f%n", "sum of the parts", step));
    t.append(
        String.format(
            Locale.ROOT,
            "%-58s %9.2f  (difference %.1f%%)%n",
            "measured step (the run's training clock, same steps)",
            measuredMsPerStep,
            100 * differenceFraction()));
    if (evaluations > 0) {
      t.append(
          String.format(
              Locale.ROOT,
              "evaluation, off the training clock: %d x %.0f ms%n",
              evaluations,
              evaluationMsEach));
    }
    t.append('\n');
    t.append(
        String.format(
            Locale.ROOT,
            "NDArrays per step: %.1f (held by the step's manager at its end: a lower bound on the allocating%n"
                + "  native calls of data, BATCH, forward and loss; backward is one native call; the optimizer's%n"
                + "  temporaries are freed inside the update and not counted)%n",
            arraysPerStep));
    t.append(
        String.format(
            Locale.ROOT,
            "NDArrays alive after a step: %d at the first profiled step, %d at the last (%.2f per step), %.1f MB%n",
            aliveFirst,
            aliveLast,
            shares.aliveGrowthPerStep(),
            aliveMegabytes));
    t.append(
        String.format(
            Locale.ROOT,
            "one allocating native call and its free: %.2f us; the counted calls: >= %.2f ms per step%n",
            probe.microsPerCall(),
            arraysPerStep * probe.microsPerCall() / 1e3));
    t.append(
        String.format(
            Locale.ROOT,
            "forward (inference) at batch %d: %.2f ms, at %d: %.2f ms; fixed share of a pass: %s%n",
            probe.fullBatch(),
            probe.forwardMillisFull(),
            probe.smallBatch(),
            probe.forwardMillisSmall(),
            Diagnosis.pct(probe.fixedForwardFraction())));
    t.append(
        String.format(
            Locale.ROOT,
            "shares of the step without the doctor (%.2f ms): data %s, compute %s, update %s, loop %s; fixed per step %s%n%n",
            stepMsWithoutDoctor(),
            Diagnosis.pct(shares.data()),
            Diagnosis.pct(shares.compute()),
            Diagnosis.pct(shares.update()),
            Diagnosis.pct(shares.host()),
            Diagnosis.pct(shares.fixed())));
    t.append("bottleneck: ")
        .append(diagnosis.bottleneck().label())
        .append(" — ")
        .append(diagnosis.reason())
        .append('\n');
    if (suggestions.isEmpty()) {
      t.append("no catalog method that the pipeline lacks targets it\n");
    } else {
      t.append("catalog methods that target it:\n");
      for (Diagnosis.Suggestion s : suggestions) {
        t.append(
            String.format(
                Locale.ROOT,
                "  @%-22s %-13s %-14s %s%n",
                s.speedup(),
                s.component(),
                s.effect(),
                s.why()));
      }
    }
    return t.toString();
  }

  /** "128", or for a language model "16 windows of 128 tokens". */
  private String batch() {
    return spec.isSequenceTask()
        ? String.format(
            Locale.ROOT, "%d windows of %d tokens", spec.batchSize(), spec.sequenceLength())
        : Integer.toString(spec.batchSize());
  }

  /** The report as JSON (pretty-printed; a number that is not finite is written as null). */
  public String json() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("pipeline", pipeline);
    o.put("device", device);
    o.put("batch_size", spec.batchSize());
    if (spec.isSequenceTask()) {
      o.put("sequence_length", spec.sequenceLength());
    }
    o.put("warmup_steps", warmupSteps);
    o.put("profiled_steps", profiledSteps);
    o.put("data", dataPath.toString());
    List<Object> parts = new ArrayList<>();
    for (Map.Entry<Part, Double> e : msPerStep.entrySet()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("part", e.getKey().name().toLowerCase(Locale.ROOT));
      p.put("description", describe(e.getKey()));
      p.put("ms_per_step", finite(e.getValue()));
      p.put("share", finite(e.getValue() / attributedMsPerStep()));
      if (!e.getKey().stages().isEmpty()) {
        p.put("speedups", speedupsByPart.get(e.getKey()));
      }
      parts.add(p);
    }
    o.put("parts", parts);
    o.put("attributed_ms_per_step", finite(attributedMsPerStep()));
    o.put("measured_ms_per_step", finite(measuredMsPerStep));
    o.put("difference_fraction", finite(differenceFraction()));
    o.put("step_ms_without_doctor", finite(stepMsWithoutDoctor()));
    o.put("evaluations", evaluations);
    o.put("evaluation_ms_each", finite(evaluationMsEach));
    o.put("ndarrays_per_step", finite(arraysPerStep));
    o.put("ndarrays_alive_first", aliveFirst);
    o.put("ndarrays_alive_last", aliveLast);
    o.put("ndarrays_alive_growth_per_step", finite(shares.aliveGrowthPerStep()));
    o.put("alive_megabytes", finite(aliveMegabytes));
    o.put("allocating_call_us", finite(probe.microsPerCall()));
    o.put("forward_ms_full_batch", finite(probe.forwardMillisFull()));
    o.put("forward_ms_small_batch", finite(probe.forwardMillisSmall()));
    o.put("small_batch", probe.smallBatch());
    o.put("forward_fixed_fraction", finite(probe.fixedForwardFraction()));
    Map<String, Object> share = new LinkedHashMap<>();
    share.put("data", finite(shares.data()));
    share.put("reader_wait", finite(shares.readerWait()));
    share.put("compute", finite(shares.compute()));
    share.put("update", finite(shares.update()));
    share.put("loop", finite(shares.host()));
    share.put("fixed_per_step", finite(shares.fixed()));
    o.put("shares", share);
    o.put("bottleneck", diagnosis.bottleneck().name());
    o.put("reason", diagnosis.reason());
    List<Object> suggested = new ArrayList<>();
    for (Diagnosis.Suggestion s : suggestions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("speedup", s.speedup());
      m.put("component", s.component().name());
      m.put("effect", s.effect().name());
      m.put("why", s.why());
      suggested.add(m);
    }
    o.put("suggestions", suggested);
    return new GsonBuilder()
        .setPrettyPrinting()
        .serializeNulls()
        .disableHtmlEscaping()
        .create()
        .toJson(o);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Writes {@code dir/doctor.json}. */
  public Path write(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    Files.writeString(file, json() + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
