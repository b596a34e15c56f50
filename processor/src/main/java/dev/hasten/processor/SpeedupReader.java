package dev.hasten.processor;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads what a speedup annotation type declares ({@code @Speedup}, {@code @ConflictsWith},
 * {@code @SumAtMost}, {@code @LessThan}, {@code @DividesBatchSize}, its retention) and what its
 * runtime class offers, into a {@link SpeedupDeclaration}. Each type is read once per compilation.
 */
final class SpeedupReader {
  private final Elements elements;
  private final SourceFiles sources;
  private final ImplementationReader implementations;
  private final Map<String, SpeedupDeclaration> read = new HashMap<>();

  SpeedupReader(Elements elements, SourceFiles sources, ImplementationReader implementations) {
    this.elements = elements;
    this.sources = sources;
    this.implementations = implementations;
  }

  static boolean isSpeedup(TypeElement annotationType) {
    return Mirrors.has(annotationType, Names.SPEEDUP);
  }

  SpeedupDeclaration read(TypeElement annotationType) {
    return read.computeIfAbsent(
        annotationType.getQualifiedName().toString(), name -> readNew(annotationType));
  }

  private SpeedupDeclaration readNew(TypeElement type) {
    AnnotationMirror speedup = Mirrors.find(type, Names.SPEEDUP).orElseThrow();
    Map<String, AnnotationValue> values = Mirrors.values(elements, speedup);
    String implementedBy = string(values.get("implementedBy"));
    List<SpeedupDeclaration.Conflict> conflicts = new ArrayList<>();
    for (AnnotationMirror m :
        Mirrors.repeated(type, Names.CONFLICTS_WITH, Names.CONFLICTS_WITH_LIST)) {
      Map<String, AnnotationValue> v = Mirrors.values(elements, m);
      conflicts.add(
          new SpeedupDeclaration.Conflict(
              Mirrors.className(v.get("value")), string(v.get("reason"))));
    }
    List<SpeedupDeclaration.SumCheck> sums = new ArrayList<>();
    for (AnnotationMirror m : Mirrors.repeated(type, Names.SUM_AT_MOST, Names.SUM_AT_MOST_LIST)) {
      Map<String, AnnotationValue> v = Mirrors.values(elements, m);
      if (v.get("max") != null) { // else javac reports the missing member
        sums.add(
            new SpeedupDeclaration.SumCheck(
                strings(v.get("members")), ((Number) v.get("max").getValue()).doubleValue()));
      }
    }
    List<SpeedupDeclaration.OrderCheck> orders = new ArrayList<>();
    for (AnnotationMirror m : Mirrors.repeated(type, Names.LESS_THAN, Names.LESS_THAN_LIST)) {
      Map<String, AnnotationValue> v = Mirrors.values(elements, m);
      orders.add(new SpeedupDeclaration.OrderCheck(string(v.get("lower")), string(v.get("upper"))));
    }
    List<String> divides = new ArrayList<>();
    Mirrors.find(type, Names.DIVIDES_BATCH_SIZE)
        .ifPresent(m -> divides.add(string(Mirrors.values(elements, m).get("value"))));
    Retention retention = type.getAnnotation(Retention.class);
    return new SpeedupDeclaration(
        type.getQualifiedName().toString(),
        implementedBy,
        implementations.read(implementedBy, type, RuntimeTypes.INJECTABLE),
        enumOrNull(values.get("component"), Component.class),
        enumOrNull(values.get("effect"), Effect.class),
        enums(values.get("requires"), Requirement.class),
        enums(values.get("requiresAnyOf"), Requirement.class),
        strings(values.get("exclusive")),
        enums(values.get("stages"), Stage.class),
        string(values.get("cost")),
        conflicts,
        sums,
        orders,
        divides,
        retention != null && retention.value() == RetentionPolicy.RUNTIME,
        sources.isBeingCompiled(type) ? new Site(type, speedup) : null);
  }

  private static String string(AnnotationValue value) {
    return value == null ? "" : (String) value.getValue();
  }

  private static List<String> strings(AnnotationValue value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      Mirrors.list(value).forEach(item -> out.add((String) item.getValue()));
    }
    return out;
  }

  /** An enum member's constant; null only when javac is already reporting it as missing. */
  private static <E extends Enum<E>> E enumOrNull(AnnotationValue value, Class<E> type) {
    return value == null ? null : Enum.valueOf(type, Mirrors.enumName(value));
  }

  private static <E extends Enum<E>> List<E> enums(AnnotationValue value, Class<E> type) {
    List<E> out = new ArrayList<>();
    if (value != null) {
      Mirrors.list(value).forEach(item -> out.add(Enum.valueOf(type, Mirrors.enumName(item))));
    }
    return out;
  }
}
