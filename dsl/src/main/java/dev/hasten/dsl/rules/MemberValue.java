package dev.hasten.dsl.rules;

/**
 * The value of one annotation member.
 *
 * @param name the member's name
 * @param value a {@code Number}, {@code Boolean}, {@code String}, enum constant name, or a {@code
 *     List} of those
 * @param explicit whether the author wrote it (rather than taking the default)
 * @param bounds the member's {@code @Range}, or {@code null} when it has none
 */
public record MemberValue(String name, Object value, boolean explicit, Bounds bounds) {

  /** The value as a double; only meaningful for numeric members. */
  public double number() {
    return ((Number) value).doubleValue();
  }
}
