package dev.hasten.dsl.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Family 5: checks across values, declared on the speedup type. {@code @SumAtMost} is reported on
 * the last of its members written explicitly, {@code @LessThan} on {@code upper} (or {@code lower}
 * when only that was written), {@code @DividesBatchSize} on its member.
 *
 * <p>Sums are added in decimal, as written, so that {@code 0.7 + 0.3} is exactly 1.
 */
final class CrossValueRule {
  private CrossValueRule() {}

  static List<Problem> check(SpeedupUse use, int batchSize) {
    List<Problem> problems = new ArrayList<>();
    SpeedupDeclaration declaration = use.declaration();
    AnnotationUse annotation = use.annotation();
    for (SpeedupDeclaration.SumCheck sum : declaration.sums()) {
      if (!sum.members().stream().allMatch(m -> isNumber(annotation, m))) {
        continue;
      }
      BigDecimal total = BigDecimal.ZERO;
      for (String member : sum.members()) {
        total = total.add(decimal(annotation.value(member).number()));
      }
      if (total.compareTo(decimal(sum.max())) > 0) {
        String explicitLast = null;
        for (String member : sum.members()) {
          if (annotation.isExplicit(member)) {
            explicitLast = member;
          }
        }
        problems.add(
            Problem.error(
                String.format(
                    "%s: %s must be at most %s, but is %s",
                    Format.annotation(annotation, sum.members()),
                    String.join(" + ", sum.members()),
                    Format.number(sum.max()),
                    total.stripTrailingZeros().toPlainString()),
                annotation.source(),
                explicitLast));
      }
    }
    for (SpeedupDeclaration.OrderCheck order : declaration.orders()) {
      if (!isNumber(annotation, order.lower()) || !isNumber(annotation, order.upper())) {
        continue;
      }
      double lower = annotation.value(order.lower()).number();
      double upper = annotation.value(order.upper()).number();
      if (!(lower < upper)) {
        String at =
            annotation.isExplicit(order.upper()) || !annotation.isExplicit(order.lower())
                ? order.upper()
                : order.lower();
        problems.add(
            Problem.error(
                String.format(
                    "%s: %s must be less than %s",
                    Format.annotation(annotation, List.of(order.lower(), order.upper())),
                    order.lower(),
                    order.upper()),
                annotation.source(),
                at));
      }
    }
    for (String member : declaration.dividesBatchSize()) {
      if (!isNumber(annotation, member)) {
        continue;
      }
      long divisor = (long) annotation.value(member).number();
      if (divisor <= 0 || batchSize % divisor != 0) {
        problems.add(
            Problem.error(
                String.format(
                    "%s: %s must divide the pipeline's batchSize, %d",
                    Format.annotation(annotation, List.of(member)), member, batchSize),
                annotation.source(),
                member));
      }
    }
    return problems;
  }

  /** Names that a cross-value annotation lists but the speedup does not have. */
  static List<String> unknownMembers(SpeedupDeclaration declaration, AnnotationUse annotation) {
    List<String> named = new ArrayList<>();
    declaration.sums().forEach(s -> named.addAll(s.members()));
    declaration.orders().forEach(o -> named.addAll(List.of(o.lower(), o.upper())));
    named.addAll(declaration.dividesBatchSize());
    return named.stream()
        .filter(n -> !isNumber(annotation, n))
        .distinct()
        .collect(Collectors.toList());
  }

  private static boolean isNumber(AnnotationUse annotation, String member) {
    return annotation.has(member) && annotation.value(member).value() instanceof Number;
  }

  private static BigDecimal decimal(double value) {
    return BigDecimal.valueOf(value);
  }
}
