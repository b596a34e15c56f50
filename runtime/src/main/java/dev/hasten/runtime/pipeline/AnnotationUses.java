package dev.hasten.runtime.pipeline;

import dev.hasten.dsl.Range;
import dev.hasten.dsl.rules.AnnotationUse;
import dev.hasten.dsl.rules.Bounds;
import dev.hasten.dsl.rules.MemberValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads an annotation instance into an {@link AnnotationUse}, as the processor's reader does from
 * source, with two differences reflection imposes: the members come in name order (a class file
 * does not keep their declaration order), and a member counts as written when its value differs
 * from the default (a class file does not say whether the author wrote the default out).
 */
final class AnnotationUses {
  private AnnotationUses() {}

  /** {@code annotation} with its values; its source handle is the annotation instance itself. */
  static AnnotationUse of(Annotation annotation) {
    Class<? extends Annotation> type = annotation.annotationType();
    List<MemberValue> values = new ArrayList<>();
    for (Method member : members(type)) {
      Object value = invoke(member, annotation);
      boolean explicit = !sameValue(value, member.getDefaultValue());
      values.add(new MemberValue(member.getName(), plain(value), explicit, bounds(member)));
    }
    return new AnnotationUse(type.getCanonicalName(), values, annotation);
  }

  private static List<Method> members(Class<? extends Annotation> type) {
    List<Method> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    members.sort(Comparator.comparing(Method::getName));
    return members;
  }

  private static Object invoke(Method member, Annotation annotation) {
    try {
      member.setAccessible(true); // a package-private annotation type's members
      return member.invoke(annotation);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + member + " of " + annotation, e);
    }
  }

  private static boolean sameValue(Object value, Object defaultValue) {
    return defaultValue != null && Objects.deepEquals(value, defaultValue);
  }

  /** The rule model's plain values: enum constants by name, arrays as lists, classes by name. */
  private static Object plain(Object value) {
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Class<?> type) {
      return type.getCanonicalName();
    }
    if (value.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(plain(Array.get(value, i)));
      }
      return items;
    }
    return value;
  }

  private static Bounds bounds(Method member) {
    Range range = member.getAnnotation(Range.class);
    return range == null
        ? null
        : new Bounds(range.min(), range.max(), range.minInclusive(), range.maxInclusive());
  }
}
