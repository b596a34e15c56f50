package dev.hasten.dsl.rules;

/**
 * The bounds of a numeric annotation member, as declared by {@code @Range}. An infinite bound is no
 * bound.
 */
public record Bounds(double min, double max, boolean minInclusive, boolean maxInclusive) {

  /** Whether {@code value} lies within the bounds. NaN lies within none. */
  public boolean contains(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    boolean aboveMin = minInclusive ? value >= min : value > min;
    boolean belowMax = maxInclusive ? value <= max : value < max;
    return aboveMin && belowMax;
  }

  /** The bounds as a reader writes them: {@code "in [0, 1)"}, {@code ">= 1"}, {@code "> 0"}. */
  public String describe() {
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax) {
      return "in "
          + (minInclusive ? "[" : "(")
          + Format.number(min)
          + ", "
          + Format.number(max)
          + (maxInclusive ? "]" : ")");
    }
    if (hasMin) {
      return (minInclusive ? ">= " : "> ") + Format.number(min);
    }
    if (hasMax) {
      return (maxInclusive ? "<= " : "< ") + Format.number(max);
    }
    return "a number";
  }
}
