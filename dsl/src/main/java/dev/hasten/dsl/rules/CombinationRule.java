package dev.hasten.dsl.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Families 2 and 3: no two speedups in effect claim the same exclusive slot, and no pair declared
 * by {@code @ConflictsWith} (on either side) is combined. Reported on the later of the two.
 */
final class CombinationRule {
  private CombinationRule() {}

  static List<Problem> check(List<SpeedupUse> effective) {
    List<Problem> problems = new ArrayList<>();
    for (int later = 1; later < effective.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        Problem problem = clash(effective.get(earlier), effective.get(later));
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /** The one problem of putting {@code later} beside {@code earlier}, or null. */
  private static Problem clash(SpeedupUse earlier, SpeedupUse later) {
    for (String slot : later.declaration().slots()) {
      if (earlier.declaration().slots().contains(slot)) {
        return Problem.error(
            String.format(
                "%s cannot be combined with %s: both claim the exclusive slot \"%s\"; keep one of"
                    + " them",
                later.label(), earlier.label(), slot),
            later.site());
      }
    }
    String reason = declaredConflict(later.declaration(), earlier.declaration());
    if (reason == null) {
      reason = declaredConflict(earlier.declaration(), later.declaration());
    }
    if (reason != null) {
      return Problem.error(
          String.format(
              "%s cannot be combined with %s: %s", later.label(), earlier.label(), reason),
          later.site());
    }
    return null;
  }

  private static String declaredConflict(SpeedupDeclaration by, SpeedupDeclaration other) {
    for (SpeedupDeclaration.Conflict conflict : by.conflicts()) {
      if (conflict.other().equals(other.qualifiedName())) {
        return conflict.reason();
      }
    }
    return null;
  }
}
