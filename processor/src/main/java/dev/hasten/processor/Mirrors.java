package dev.hasten.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Small helpers over annotation mirrors. The DSL's annotations are read through mirrors rather than
 * {@code getAnnotation}, since some of their members are classes, which only mirrors give.
 */
final class Mirrors {
  private Mirrors() {}

  static TypeElement type(AnnotationMirror mirror) {
    return (TypeElement) mirror.getAnnotationType().asElement();
  }

  static String name(AnnotationMirror mirror) {
    return type(mirror).getQualifiedName().toString();
  }

  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (name(mirror).equals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName).isPresent();
  }

  /** The annotations {@code qualifiedName} on {@code element}, written once or in a container. */
  static List<AnnotationMirror> repeated(Element element, String qualifiedName, String container) {
    List<AnnotationMirror> found = new ArrayList<>();
    find(element, qualifiedName).ifPresent(found::add);
    find(element, container)
        .ifPresent(
            list -> {
              for (AnnotationValue item :
                  list(list.getElementValues().values().iterator().next())) {
                found.add((AnnotationMirror) item.getValue());
              }
            });
    return found;
  }

  /** Every member's value, defaults included, by member name. */
  static Map<String, AnnotationValue> values(Elements elements, AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new LinkedHashMap<>();
    elements
        .getElementValuesWithDefaults(mirror)
        .forEach((member, value) -> values.put(member.getSimpleName().toString(), value));
    return values;
  }

  /** The value the author wrote for {@code member}, or {@code null} if it is a default. */
  static AnnotationValue explicit(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        return entry.getValue();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static List<AnnotationValue> list(AnnotationValue value) {
    return (List<AnnotationValue>) value.getValue();
  }

  static String enumName(AnnotationValue value) {
    return ((VariableElement) value.getValue()).getSimpleName().toString();
  }

  /** The canonical name of a class-valued member. */
  static String className(AnnotationValue value) {
    TypeMirror type = (TypeMirror) value.getValue();
    return type instanceof DeclaredType declared
        ? ((TypeElement) declared.asElement()).getQualifiedName().toString()
        : type.toString();
  }

  /**
   * A value as a plain Java object for the rule model: boxed primitives and strings as they are,
   * enum constants by name, classes by canonical name, arrays as lists.
   */
  static Object plain(AnnotationValue value) {
    Object raw = value.getValue();
    if (raw instanceof VariableElement constant) {
      return constant.getSimpleName().toString();
    }
    if (raw instanceof TypeMirror) {
      return className(value);
    }
    if (raw instanceof List<?>) {
      List<Object> items = new ArrayList<>();
      for (AnnotationValue item : list(value)) {
        items.add(plain(item));
      }
      return items;
    }
    return raw;
  }
}
