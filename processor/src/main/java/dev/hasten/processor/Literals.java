package dev.hasten.processor;

import com.palantir.javapoet.CodeBlock;

/** Annotation values written back as Java literals, the way a person would type them. */
final class Literals {
  private Literals() {}

  static CodeBlock of(Object value) {
    if (value instanceof Double d) {
      return CodeBlock.of("$L", ofDouble(d));
    }
    if (value instanceof Float f) {
      return CodeBlock.of("$Lf", ofDouble(f.doubleValue()));
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    return CodeBlock.of("$L", value);
  }

  /** {@code 0.2}, {@code 1.0}, {@code 5e-4}: Java's own form, with a short exponent. */
  static String ofDouble(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    String text = Double.toString(value);
    int exponent = text.indexOf('E');
    if (exponent < 0) {
      return text;
    }
    String mantissa = text.substring(0, exponent);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + text.substring(exponent + 1);
  }
}
