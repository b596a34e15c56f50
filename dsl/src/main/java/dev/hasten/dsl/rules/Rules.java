package dev.hasten.dsl.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of docs/API.md's table, applied to a {@link PipelineModel}. Each family lives in its
 * own class; this one runs them in the order a reader fixes them: the pipeline's shape, values in
 * range, recipes merged, speedups combined, requirements met, cross-value checks, broken speedup,
 * optimizer and schedule types, and last the warnings for known costs.
 */
public final class Rules {
  /**
   * The {@code @SuppressWarnings} value with which a pipeline acknowledges the known costs of its
   * speedups ({@code @Speedup(cost)}), so that they are no longer reported for it.
   */
  public static final String SUPPRESS_COST = "hasten:cost";

  private Rules() {}

  /** Every problem of {@code model}; the pipeline may be generated when none is an error. */
  public static List<Problem> check(PipelineModel model) {
    return check(model, Set.of());
  }

  /**
   * Every problem of {@code model} but the warnings it suppresses.
   *
   * @param suppressed the {@code @SuppressWarnings} values in force on the pipeline class; {@link
   *     #SUPPRESS_COST} drops the known-cost warnings
   */
  public static List<Problem> check(PipelineModel model, Set<String> suppressed) {
    List<Problem> problems = new ArrayList<>(ShapeRule.check(model));
    for (AnnotationUse use : model.annotations()) {
      problems.addAll(RangeRule.check(use));
    }
    problems.addAll(Speedups.mergeProblems(model));
    List<SpeedupUse> effective = Speedups.effective(model);
    problems.addAll(CombinationRule.check(effective));
    problems.addAll(RequirementRule.check(model, effective));
    int batchSize = batchSize(model);
    for (SpeedupUse use : effective) {
      problems.addAll(CrossValueRule.check(use, batchSize));
    }
    for (SpeedupUse use : firstUseOfEachType(model)) {
      problems.addAll(ImplementationRule.check(use.declaration(), use.annotation(), use.site()));
      problems.addAll(ImplementationRule.checkReach(use, model.type()));
    }
    for (RunPartUse use : runParts(model)) {
      problems.addAll(ImplementationRule.check(use.declaration(), use.site()));
      problems.addAll(ImplementationRule.checkReach(use, model.type()));
    }
    for (SpeedupUse use : effective) {
      String cost = use.declaration().cost();
      if (!cost.isEmpty() && !suppressed.contains(SUPPRESS_COST)) {
        problems.add(Problem.warning(use.label() + " has a known cost: " + cost, use.site()));
      }
    }
    return problems;
  }

  /**
   * The faults of a speedup type on its own (family 7: its runtime class, its stages, the member
   * names its cross-value checks use), for a type being compiled that no pipeline may use yet.
   *
   * @param defaults the annotation's default values, to check the cross-value names against; may be
   *     {@code null}
   */
  public static List<Problem> checkDeclaration(
      SpeedupDeclaration declaration, AnnotationUse defaults) {
    return ImplementationRule.check(declaration, defaults, declaration.source());
  }

  /**
   * The faults of an optimizer or schedule type on its own (family 7: its runtime class), for a
   * type being compiled that no pipeline may use yet.
   */
  public static List<Problem> checkDeclaration(RunPartDeclaration declaration) {
    return ImplementationRule.check(declaration, declaration.source());
  }

  /** Whether any of {@code problems} is an error. */
  public static boolean hasErrors(List<Problem> problems) {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  private static int batchSize(PipelineModel model) {
    AnnotationUse pipeline = model.pipeline();
    return pipeline.has("batchSize") && pipeline.value("batchSize").value() instanceof Number n
        ? n.intValue()
        : 0;
  }

  private static List<RunPartUse> runParts(PipelineModel model) {
    List<RunPartUse> all = new ArrayList<>(model.optimizers());
    all.addAll(model.schedules());
    return all;
  }

  private static List<SpeedupUse> firstUseOfEachType(PipelineModel model) {
    Map<String, SpeedupUse> first = new LinkedHashMap<>();
    for (SpeedupUse use : model.speedups()) {
      first.putIfAbsent(use.declaration().qualifiedName(), use);
    }
    return List.copyOf(first.values());
  }
}
