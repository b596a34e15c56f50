package dev.hasten.runtime.doctor;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Task;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names what bounds a step, from the doctor's measurements, and the catalog methods whose component
 * and effect target it (the paper's guidance: what helps depends on the bottleneck).
 *
 * <p>The rules, first match wins (each threshold is written where it is used):
 *
 * <ol>
 *   <li>MEMORY: NDArrays alive grow by one or more per step: something keeps per-step arrays in a
 *       long-lived manager, and the run will slow down and run out of memory.
 *   <li>DATA_LOADING: feeding the step (the gather and the BATCH speedups) takes 30% of it or more.
 *       On the streamed path the gather is the training thread's wait for the background reader's
 *       batch, its upload and normalisation; when that wait is most of the feeding, the reason
 *       names the reader.
 *   <li>PER_OP_OVERHEAD: half the step or more does not depend on the batch size: the fixed share
 *       of the forward pass (measured at two batch sizes) applied to forward, loss and backward,
 *       plus the optimizer, the speedups around it and the loop's own work.
 *   <li>COMPUTE: otherwise; arithmetic that grows with the batch dominates.
 * </ol>
 */
final class Diagnosis {
  static final double DATA_SHARE = 0.30;
  static final double FIXED_SHARE = 0.50;
  static final double LEAK_PER_STEP = 1.0;

  /** What bounds the step. */
  enum Bottleneck {
    DATA_LOADING,
    COMPUTE,
    PER_OP_OVERHEAD,
    MEMORY;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** A catalog method worth trying, and why. */
  record Suggestion(String speedup, Component component, Effect effect, String why) {}

  /**
   * The shares the rules look at, each a fraction of the measured step time.
   *
   * @param readerWait the data part alone when the training split is streamed: the wait for the
   *     background reader's batch and its upload; 0 on the resident path
   */
  record Shares(
      double data,
      double compute,
      double update,
      double host,
      double fixed,
      double aliveGrowthPerStep,
      double readerWait) {}

  private final Bottleneck bottleneck;
  private final String reason;

  private Diagnosis(Bottleneck bottleneck, String reason) {
    this.bottleneck = bottleneck;
    this.reason = reason;
  }

  static Diagnosis of(Shares s) {
    if (s.aliveGrowthPerStep() >= LEAK_PER_STEP) {
      return new Diagnosis(
          Bottleneck.MEMORY,
          String.format(
              Locale.ROOT,
              "%.1f more NDArrays are alive after each step: per-step arrays are kept in a long-lived"
                  + " manager, so memory grows and steps slow down",
              s.aliveGrowthPerStep()));
    }
    if (s.data() >= DATA_SHARE && s.readerWait() >= s.data() / 2) {
      return new Diagnosis(
          Bottleneck.DATA_LOADING,
          String.format(
              Locale.ROOT,
              "the step waits for the streamed reader: the data stage (the batch read from the image"
                  + " cache by the background reader, uploaded and normalised) takes %s of it, data and"
                  + " BATCH speedups %s (rule: >= %s); a --data-memory that holds the splits resident,"
                  + " or faster storage for the cache, removes the wait",
              pct(s.readerWait()),
              pct(s.data()),
              pct(DATA_SHARE)));
    }
    if (s.data() >= DATA_SHARE) {
      return new Diagnosis(
          Bottleneck.DATA_LOADING,
          String.format(
              Locale.ROOT,
              "feeding the step (data and BATCH speedups) takes %s of it (rule: >= %s)",
              pct(s.data()),
              pct(DATA_SHARE)));
    }
    if (s.fixed() >= FIXED_SHARE) {
      return new Diagnosis(
          Bottleneck.PER_OP_OVERHEAD,
          String.format(
              Locale.ROOT,
              "%s of the step does not shrink with the batch (fixed costs per op and per parameter;"
                  + " rule: >= %s)",
              pct(s.fixed()),
              pct(FIXED_SHARE)));
    }
    return new Diagnosis(
        Bottleneck.COMPUTE,
        String.format(
            Locale.ROOT,
            "forward, loss and backward take %s of the step, and %s of the step grows with the batch"
                + " (data %s, per-step fixed costs %s)",
            pct(s.compute()),
            pct(1 - s.fixed()),
            pct(s.data()),
            pct(s.fixed())));
  }

  Bottleneck bottleneck() {
    return bottleneck;
  }

  String reason() {
    return reason;
  }

  /**
   * As {@link #suggestions(List, PipelineSpeedups, Set, Set, boolean)} for a pipeline whose task
   * meets every requirement that is not a model trait.
   */
  List<Suggestion> suggestions(
      List<Class<? extends Annotation>> catalog,
      PipelineSpeedups inPipeline,
      Set<Trait> traits,
      boolean gpu) {
    return suggestions(catalog, inPipeline, traits, everyTaskRequirement(), gpu);
  }

  /**
   * The catalog methods that target this bottleneck, leaving out those the pipeline already has,
   * those needing what its task does not provide (images, say, for a language model) or a model
   * trait it lacks, and those that need a GPU when it runs on the CPU.
   *
   * @param taskProvides what the pipeline's task provides ({@link #taskProvides})
   */
  List<Suggestion> suggestions(
      List<Class<? extends Annotation>> catalog,
      PipelineSpeedups inPipeline,
      Set<Trait> traits,
      Set<Requirement> taskProvides,
      boolean gpu) {
    Set<Requirement> met = EnumSet.noneOf(Requirement.class);
    met.addAll(taskProvides);
    for (Requirement r : Requirement.values()) {
      if (r.trait() != null && traits.contains(r.trait())) {
        met.add(r);
      }
    }
    List<Suggestion> out = new ArrayList<>();
    for (Class<? extends Annotation> type : catalog) {
      Speedup s = type.getAnnotation(Speedup.class);
      if (s == null || inPipeline.contains(type) || !applicable(s, met, gpu)) {
        continue;
      }
      String why = why(s.component(), s.effect());
      if (why != null) {
        out.add(new Suggestion(type.getSimpleName(), s.component(), s.effect(), why));
      }
    }
    return out;
  }

  /**
   * What {@code pipeline}'s task annotation (the one meta-annotated {@code @Task}) provides; every
   * requirement that is not a trait when it has none, as for a pipeline compiled before tasks
   * differed.
   */
  static Set<Requirement> taskProvides(Class<?> pipeline) {
    for (Annotation a : pipeline.getAnnotations()) {
      Task task = a.annotationType().getAnnotation(Task.class);
      if (task != null) {
        Set<Requirement> provided = EnumSet.noneOf(Requirement.class);
        provided.addAll(Arrays.asList(task.provides()));
        return provided;
      }
    }
    return everyTaskRequirement();
  }

  private static Set<Requirement> everyTaskRequirement() {
    Set<Requirement> all = EnumSet.noneOf(Requirement.class);
    for (Requirement r : Requirement.values()) {
      if (r.trait() == null && r != Requirement.GPU) {
        all.add(r);
      }
    }
    return all;
  }

  private static boolean applicable(Speedup s, Set<Requirement> met, boolean gpu) {
    for (Requirement r : s.requires()) {
      if (!meets(r, met, gpu)) {
        return false;
      }
    }
    return s.requiresAnyOf().length == 0
        || Arrays.stream(s.requiresAnyOf()).anyMatch(r -> meets(r, met, gpu));
  }

  /** GPU is the device's to meet; every other requirement the task's or the model's. */
  private static boolean meets(Requirement r, Set<Requirement> met, boolean gpu) {
    return r == Requirement.GPU ? gpu : met.contains(r);
  }

  /** Why a method of this component and effect helps against the bottleneck, or null if not. */
  private String why(Component component, Effect effect) {
    boolean fewer = effect == Effect.FEWER_STEPS || effect == Effect.BOTH;
    boolean cheaper = effect == Effect.CHEAPER_STEPS || effect == Effect.BOTH;
    switch (bottleneck) {
      case COMPUTE:
        if (cheaper) {
          return "less arithmetic per step";
        }
        return component == Component.OBJECTIVE || component == Component.OPTIMIZATION
            ? "fewer steps for little extra arithmetic"
            : null;
      case DATA_LOADING:
        return fewer && component != Component.DATA
            ? "fewer passes over the data; its extra device work hides behind the loading"
            : null;
      case PER_OP_OVERHEAD:
        return fewer
            ? "fewer steps, so fewer fixed per-step costs (a larger batch also amortises them)"
            : null;
      case MEMORY:
        return cheaper && component != Component.OPTIMIZATION && component != Component.OBJECTIVE
            ? "smaller activations or arrays per step"
            : null;
      default:
        return null;
    }
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }
}
