package dev.hasten.processor;

import dev.hasten.dsl.Range;
import dev.hasten.dsl.rules.AnnotationUse;
import dev.hasten.dsl.rules.Bounds;
import dev.hasten.dsl.rules.MemberValue;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** Reads one annotation as written into an {@link AnnotationUse}: values, defaults, ranges. */
final class AnnotationReader {

  /** The annotation {@code mirror}, with {@code source} as its handle. */
  AnnotationUse read(AnnotationMirror mirror, Object source) {
    TypeElement type = Mirrors.type(mirror);
    List<MemberValue> values = new ArrayList<>();
    for (ExecutableElement member : members(type)) {
      AnnotationValue written = mirror.getElementValues().get(member);
      AnnotationValue value = written != null ? written : member.getDefaultValue();
      if (value == null) {
        continue; // a required member left out: javac reports that itself
      }
      values.add(
          new MemberValue(
              member.getSimpleName().toString(),
              Mirrors.plain(value),
              written != null,
              bounds(member)));
    }
    return new AnnotationUse(type.getQualifiedName().toString(), values, source);
  }

  /** The annotation type's defaults, as if written with no members. */
  AnnotationUse defaults(TypeElement type, Object source) {
    List<MemberValue> values = new ArrayList<>();
    for (ExecutableElement member : members(type)) {
      if (member.getDefaultValue() != null) {
        values.add(
            new MemberValue(
                member.getSimpleName().toString(),
                Mirrors.plain(member.getDefaultValue()),
                false,
                bounds(member)));
      }
    }
    return new AnnotationUse(type.getQualifiedName().toString(), values, source);
  }

  private static List<ExecutableElement> members(TypeElement type) {
    return ElementFilter.methodsIn(type.getEnclosedElements());
  }

  private static Bounds bounds(ExecutableElement member) {
    Range range = member.getAnnotation(Range.class);
    return range == null
        ? null
        : new Bounds(range.min(), range.max(), range.minInclusive(), range.maxInclusive());
  }
}
