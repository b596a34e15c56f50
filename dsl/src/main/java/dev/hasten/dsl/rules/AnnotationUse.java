package dev.hasten.dsl.rules;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * One annotation as written somewhere, with every member's value (defaults included), in the order
 * the annotation type declares its members.
 *
 * @param qualifiedName the annotation type's canonical name
 * @param values one entry per member
 * @param source where the annotation is written; a problem about one value names its member
 */
public record AnnotationUse(String qualifiedName, List<MemberValue> values, Object source) {
  public AnnotationUse {
    values = List.copyOf(values);
  }

  public String simpleName() {
    return Format.simpleName(qualifiedName);
  }

  public boolean has(String member) {
    return values.stream().anyMatch(v -> v.name().equals(member));
  }

  public MemberValue value(String member) {
    return values.stream()
        .filter(v -> v.name().equals(member))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("@" + simpleName() + " has no " + member));
  }

  public boolean isExplicit(String member) {
    return has(member) && value(member).explicit();
  }
}
