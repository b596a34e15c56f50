package dev.hasten.dsl.rules;

import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Trait;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Family 4: each speedup's requirements are met. The task meets what its {@code @Task(provides)}
 * says; {@code @Model(traits)} meets the trait requirements; {@code GPU} is left to run time, when
 * the device is known. Reported on the speedup's annotation.
 */
final class RequirementRule {
  private RequirementRule() {}

  static List<Problem> check(PipelineModel model, List<SpeedupUse> effective) {
    Set<Requirement> met = met(model);
    List<Problem> problems = new ArrayList<>();
    for (SpeedupUse use : effective) {
      List<Requirement> lackedByTask =
          use.declaration().requires().stream()
              .filter(r -> r.trait() == null && isJudgedHere(r, model) && !met.contains(r))
              .toList();
      if (!lackedByTask.isEmpty()) {
        // The task rules the speedup out: no model trait would make it apply, so none is asked for.
        problems.add(Problem.error(lackedByTask(use, lackedByTask, " and ", model), use.site()));
        continue;
      }
      for (Requirement required : use.declaration().requires()) {
        if (isJudgedHere(required, model) && !met.contains(required)) {
          problems.add(Problem.error(unmet(use, List.of(required), model), use.site()));
        }
      }
      List<Requirement> anyOf =
          use.declaration().requiresAnyOf().stream().filter(r -> isJudgedHere(r, model)).toList();
      if (!anyOf.isEmpty() && anyOf.stream().noneMatch(met::contains)) {
        problems.add(Problem.error(unmet(use, anyOf, model), use.site()));
      }
    }
    return problems;
  }

  private static Set<Requirement> met(PipelineModel model) {
    Set<Requirement> met = EnumSet.noneOf(Requirement.class);
    model.tasks().forEach(task -> met.addAll(task.provides()));
    for (Requirement requirement : Requirement.values()) {
      if (requirement.trait() != null && model.traits().contains(requirement.trait())) {
        met.add(requirement);
      }
    }
    return met;
  }

  /**
   * GPU is judged at run time. Without a task the shape rule already reports the missing task, so a
   * task-level requirement is not reported twice.
   */
  private static boolean isJudgedHere(Requirement requirement, PipelineModel model) {
    if (requirement == Requirement.GPU) {
      return false;
    }
    return requirement.trait() != null || !model.tasks().isEmpty();
  }

  /**
   * What the task lacks, e.g. {@code "@HorizontalFlip requires image inputs (IMAGES),
   * which @LanguageModeling does not provide: remove @HorizontalFlip, or use a task that does"}.
   */
  private static String lackedByTask(
      SpeedupUse use, List<Requirement> lacked, String joiner, PipelineModel model) {
    String needs = lacked.stream().map(Requirement::describe).collect(Collectors.joining(joiner));
    String tasks =
        model.tasks().stream()
            .map(t -> "@" + t.annotation().simpleName())
            .collect(Collectors.joining(" and "));
    return String.format(
        "%s requires %s, which %s %s not provide: remove %s, or use a task that does",
        use.label(), needs, tasks, model.tasks().size() == 1 ? "does" : "do", use.label());
  }

  private static String unmet(SpeedupUse use, List<Requirement> options, PipelineModel model) {
    if (options.get(0).trait() == null) {
      return lackedByTask(use, options, " or ", model);
    }
    String names = options.stream().map(Enum::name).collect(Collectors.joining(" or "));
    Trait trait = options.get(0).trait();
    return String.format(
        "%s requires a model with %s: declare %s in @Model(traits) if the model has %s, or remove"
            + " %s",
        use.label(),
        names,
        options.size() == 1 ? "Trait." + trait.name() : "it",
        options.size() == 1 ? "it" : "one of them",
        use.label());
  }
}
