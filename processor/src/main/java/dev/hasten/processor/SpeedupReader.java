package dev.hasten.processor;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.rules.Implementation;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads what a speedup annotation type declares ({@code @Speedup}, {@code @ConflictsWith},
 * {@code @SumAtMost}, {@code @LessThan}, {@code @DividesBatchSize}, its retention) and what its
 * runtime class offers, into a {@link SpeedupDeclaration}. Each type is read once per compilation.
 */
final class SpeedupReader {
  private final Elements elements;
  private final Types types;
  private final SourceFiles sources;
  private final Map<String, SpeedupDeclaration> read = new HashMap<>();

  SpeedupReader(Elements elements, Types types, SourceFiles sources) {
    this.elements = elements;
    this.types = types;
    this.sources = sources;
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
        implementation(implementedBy, type),
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

  /** The runtime class named {@code name}, or null when there is none. */
  private Implementation implementation(String name, TypeElement annotationType) {
    TypeElement cls = elements.getTypeElement(name);
    if (cls == null) {
      return null;
    }
    Set<Modifier> modifiers = cls.getModifiers();
    boolean instantiable =
        cls.getKind() == ElementKind.CLASS
            && !modifiers.contains(Modifier.ABSTRACT)
            && (cls.getNestingKind() == NestingKind.TOP_LEVEL
                || (cls.getNestingKind() == NestingKind.MEMBER
                    && modifiers.contains(Modifier.STATIC)));
    ExecutableElement called = calledConstructor(cls, annotationType, types);
    boolean takesAnnotation =
        called != null && injectedParameters(called, annotationType, types) != null;
    boolean noArg = called != null && called.getParameters().isEmpty();
    String unreachable = null;
    boolean everywhere = called == null || called.getModifiers().contains(Modifier.PUBLIC);
    for (Element e = cls; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> m = e.getModifiers();
      if (m.contains(Modifier.PRIVATE) && unreachable == null) {
        unreachable =
            e == cls
                ? "it is private"
                : "the class it is nested in, " + ((TypeElement) e).getQualifiedName() + ", is private";
      }
      everywhere &= m.contains(Modifier.PUBLIC);
    }
    return new Implementation(
        cls.getQualifiedName().toString(),
        instantiable,
        supertypes(cls.asType()),
        takesAnnotation,
        noArg,
        unreachable,
        everywhere ? null : elements.getPackageOf(cls).getQualifiedName().toString());
  }

  /**
   * The constructor the generated module calls: of the non-private ones, the one taking {@code
   * annotationType} first with the most run parts after it, else the one without parameters; null
   * when there is neither.
   */
  static ExecutableElement calledConstructor(
      TypeElement cls, TypeElement annotationType, Types types) {
    ExecutableElement best = null;
    int bestInjected = -1;
    ExecutableElement noArg = null;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(cls.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<String> injected = injectedParameters(constructor, annotationType, types);
      if (injected != null && injected.size() > bestInjected) {
        best = constructor;
        bestInjected = injected.size();
      }
      if (constructor.getParameters().isEmpty()) {
        noArg = constructor;
      }
    }
    return best != null ? best : noArg;
  }

  /**
   * The parameters after the first of a constructor whose first parameter is {@code annotationType}
   * and whose others are all run parts the generated module provides ({@link
   * RuntimeTypes#INJECTABLE}), as qualified type names; null for any other constructor.
   */
  static List<String> injectedParameters(
      ExecutableElement constructor, TypeElement annotationType, Types types) {
    List<? extends VariableElement> params = constructor.getParameters();
    if (params.isEmpty() || !types.isSameType(params.get(0).asType(), annotationType.asType())) {
      return null;
    }
    List<String> injected = new ArrayList<>();
    for (VariableElement param : params.subList(1, params.size())) {
      String name = types.erasure(param.asType()).toString();
      if (!RuntimeTypes.INJECTABLE.contains(name)) {
        return null;
      }
      injected.add(name);
    }
    return injected;
  }

  private Set<String> supertypes(TypeMirror type) {
    Set<String> names = new LinkedHashSet<>();
    List<TypeMirror> pending = new ArrayList<>(types.directSupertypes(type));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.remove(pending.size() - 1);
      if (next instanceof DeclaredType declared
          && names.add(((TypeElement) declared.asElement()).getQualifiedName().toString())) {
        pending.addAll(types.directSupertypes(next));
      }
    }
    return names;
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
