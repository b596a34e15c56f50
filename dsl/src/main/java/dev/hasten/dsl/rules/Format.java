package dev.hasten.dsl.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** How values and annotations are written in messages: the way an author writes them. */
final class Format {
  private Format() {}

  /** A number without a needless fraction or exponent: 1.0 is "1", 5e-4 is "0.0005". */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A member value as it would be written in an annotation. */
  static String value(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof String) {
      return '"' + (String) value + '"';
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Format::value).collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  /** {@code "@LabelSmoothing(value = 1.5)"}: the annotation with the named members' values. */
  static String annotation(AnnotationUse use, List<String> members) {
    StringBuilder out = new StringBuilder("@").append(use.simpleName()).append('(');
    for (int i = 0; i < members.size(); i++) {
      String member = members.get(i);
      if (i > 0) {
        out.append(", ");
      }
      out.append(member).append(" = ").append(value(use.value(member).value()));
    }
    return out.append(')').toString();
  }

  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
