package dev.hasten.dsl.rules;

import java.util.ArrayList;
import java.util.List;

/** Family 1: every member with {@code @Range} holds a value within it. Reported on the value. */
public final class RangeRule {
  private RangeRule() {}

  /**
   * The values of {@code use} outside their bounds. Public so that a caller with a single
   * overridden value (the command line) can check just that annotation.
   */
  public static List<Problem> check(AnnotationUse use) {
    List<Problem> problems = new ArrayList<>();
    for (MemberValue value : use.values()) {
      if (value.bounds() == null || !(value.value() instanceof Number)) {
        continue;
      }
      if (!value.bounds().contains(value.number())) {
        problems.add(
            Problem.error(
                String.format(
                    "%s: %s must be %s",
                    Format.annotation(use, List.of(value.name())),
                    value.name(),
                    value.bounds().describe()),
                use.source(),
                value.name()));
      }
    }
    return problems;
  }
}
