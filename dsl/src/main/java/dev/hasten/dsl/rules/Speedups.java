package dev.hasten.dsl.rules;

import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which speedups are in effect for a pipeline, and in which order the generated loop calls them.
 *
 * <p><b>In effect:</b> a speedup written on the pipeline replaces the same speedup from a recipe;
 * the same speedup from two recipes, with none on the pipeline, is an error (see {@link
 * #mergeProblems}). The result keeps declaration order: recipe speedups in recipe order, then the
 * pipeline's own in the order written.
 *
 * <p><b>Loop order:</b> within every stage, speedups whose effect is {@code CHEAPER_STEPS} (or
 * {@code BOTH}) come first, since they shrink the batch and later transforms then do less work;
 * ties keep declaration order. After-stages that undo a before-stage (the {@code EVAL} swap-out)
 * run in the reverse order, as Composer's first-in-last-out rule.
 */
public final class Speedups {
  private Speedups() {}

  /** The speedups in effect, in declaration order. */
  public static List<SpeedupUse> effective(PipelineModel model) {
    return effective(model.speedups());
  }

  /**
   * The speedups in effect among {@code uses}, in declaration order.
   *
   * @param uses every speedup use of one pipeline, as {@link PipelineModel#speedups()} holds them:
   *     the recipes' in recipe order, then the pipeline's own in the order written
   */
  public static List<SpeedupUse> effective(List<SpeedupUse> uses) {
    Set<String> written = directNames(uses);
    Set<String> seen = new HashSet<>();
    List<SpeedupUse> effective = new ArrayList<>();
    for (SpeedupUse use : uses) {
      String name = use.declaration().qualifiedName();
      boolean replaced = use.fromRecipe() && written.contains(name);
      if (!replaced && seen.add(name)) {
        effective.add(use);
      }
    }
    // A replaced recipe speedup gives its place up to the pipeline's own, which comes later.
    return effective;
  }

  /** The speedups in effect, in the order the loop calls them within a stage. */
  public static List<SpeedupUse> loopOrder(PipelineModel model) {
    return loopOrder(effective(model));
  }

  /** {@code speedups} sorted into loop order; a stable sort, so ties keep their order. */
  public static List<SpeedupUse> loopOrder(List<SpeedupUse> speedups) {
    List<SpeedupUse> sorted = new ArrayList<>(speedups);
    sorted.sort(Comparator.comparingInt(Speedups::rank));
    return sorted;
  }

  /** The speedups of {@code ordered} that act at {@code stage}, keeping their order. */
  public static List<SpeedupUse> at(Stage stage, List<SpeedupUse> ordered) {
    return ordered.stream().filter(s -> s.declaration().stages().contains(stage)).toList();
  }

  private static int rank(SpeedupUse use) {
    Effect effect = use.declaration().effect();
    return effect == Effect.CHEAPER_STEPS || effect == Effect.BOTH ? 0 : 1;
  }

  /**
   * The problems of merging recipes into the pipeline: an error for a speedup carried by two
   * recipes (on the later recipe), a note for each recipe speedup the pipeline replaces (on the
   * pipeline's own annotation).
   */
  static List<Problem> mergeProblems(PipelineModel model) {
    Set<String> written = directNames(model.speedups());
    Map<String, SpeedupUse> firstFromRecipe = new LinkedHashMap<>();
    Map<String, List<SpeedupUse>> replaced = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (SpeedupUse use : model.speedups()) {
      if (!use.fromRecipe()) {
        continue;
      }
      String name = use.declaration().qualifiedName();
      if (written.contains(name)) {
        replaced.computeIfAbsent(name, n -> new ArrayList<>()).add(use);
        continue;
      }
      SpeedupUse first = firstFromRecipe.putIfAbsent(name, use);
      if (first != null) {
        problems.add(
            Problem.error(
                String.format(
                    "@%s comes from both @%s and @%s: write @%s on %s to choose its values,"
                        + " or drop one of the recipes",
                    use.simpleName(),
                    first.recipe().simpleName(),
                    use.recipe().simpleName(),
                    use.simpleName(),
                    model.type().simpleName()),
                use.site()));
      }
    }
    for (SpeedupUse use : model.speedups()) {
      if (use.fromRecipe()) {
        continue;
      }
      for (SpeedupUse old : replaced.getOrDefault(use.declaration().qualifiedName(), List.of())) {
        problems.add(
            Problem.note(
                String.format(
                    "@%s on %s replaces @%s from @%s",
                    use.simpleName(),
                    model.type().simpleName(),
                    old.simpleName(),
                    old.recipe().simpleName()),
                use.site()));
      }
    }
    return problems;
  }

  private static Set<String> directNames(List<SpeedupUse> uses) {
    Set<String> names = new HashSet<>();
    for (SpeedupUse use : uses) {
      if (!use.fromRecipe()) {
        names.add(use.declaration().qualifiedName());
      }
    }
    return names;
  }
}
