package dev.hasten.processor;

import dev.hasten.dsl.rules.Implementation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Reads the runtime class an annotation type's {@code implementedBy} names (a speedup's, an
 * optimizer's or a schedule's) into an {@link Implementation}: what the generated module needs to
 * create it, and what it implements.
 */
final class ImplementationReader {
  private final Elements elements;
  private final Types types;

  ImplementationReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The runtime class named {@code name}, or null when there is none. */
  Implementation read(String name, TypeElement annotationType, Set<String> injectable) {
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
    ExecutableElement called = calledConstructor(cls, annotationType, injectable, types);
    boolean takesAnnotation =
        called != null && injectedParameters(called, annotationType, injectable, types) != null;
    boolean noArg = called != null && called.getParameters().isEmpty();
    String unreachable = null;
    boolean everywhere = called == null || called.getModifiers().contains(Modifier.PUBLIC);
    for (Element e = cls; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> m = e.getModifiers();
      if (m.contains(Modifier.PRIVATE) && unreachable == null) {
        unreachable =
            e == cls
                ? "it is private"
                : "the class it is nested in, "
                    + ((TypeElement) e).getQualifiedName()
                    + ", is private";
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
      TypeElement cls, TypeElement annotationType, Set<String> injectable, Types types) {
    ExecutableElement best = null;
    int bestInjected = -1;
    ExecutableElement noArg = null;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(cls.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<String> injected = injectedParameters(constructor, annotationType, injectable, types);
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
   * and whose others are all of {@code injectable} (run parts the generated module provides, {@link
   * RuntimeTypes#INJECTABLE} for a speedup), as qualified type names; null for any other
   * constructor.
   */
  static List<String> injectedParameters(
      ExecutableElement constructor,
      TypeElement annotationType,
      Set<String> injectable,
      Types types) {
    List<? extends VariableElement> params = constructor.getParameters();
    if (params.isEmpty() || !types.isSameType(params.get(0).asType(), annotationType.asType())) {
      return null;
    }
    List<String> injected = new ArrayList<>();
    for (VariableElement param : params.subList(1, params.size())) {
      String name = types.erasure(param.asType()).toString();
      if (!injectable.contains(name)) {
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
}
