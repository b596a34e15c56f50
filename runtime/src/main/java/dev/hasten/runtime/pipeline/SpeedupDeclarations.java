package dev.hasten.runtime.pipeline;

import dev.hasten.dsl.ConflictsWith;
import dev.hasten.dsl.DividesBatchSize;
import dev.hasten.dsl.LessThan;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.SumAtMost;
import dev.hasten.dsl.rules.Implementation;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what a compiled speedup annotation type declares about itself into a {@link
 * SpeedupDeclaration}, as the processor's reader does from source. A type read here is never being
 * compiled, so its declaration has no source handle.
 */
final class SpeedupDeclarations {
  /** The run parts a runtime class's constructor may take after the annotation. */
  private static final Set<Class<?>> RUN_PARTS = Set.of(ParameterUpdater.class, LrSchedule.class);

  private SpeedupDeclarations() {}

  /**
   * @param type an annotation type meta-annotated {@link Speedup}
   */
  static SpeedupDeclaration of(Class<? extends Annotation> type) {
    Speedup s = type.getAnnotation(Speedup.class);
    Retention retention = type.getAnnotation(Retention.class);
    DividesBatchSize divides = type.getAnnotation(DividesBatchSize.class);
    return new SpeedupDeclaration(
        type.getCanonicalName(),
        s.implementedBy(),
        implementation(s.implementedBy(), type),
        s.component(),
        s.effect(),
        Arrays.asList(s.requires()),
        Arrays.asList(s.requiresAnyOf()),
        Arrays.asList(s.exclusive()),
        Arrays.asList(s.stages()),
        s.cost(),
        Arrays.stream(type.getAnnotationsByType(ConflictsWith.class))
            .map(c -> new SpeedupDeclaration.Conflict(c.value().getCanonicalName(), c.reason()))
            .toList(),
        Arrays.stream(type.getAnnotationsByType(SumAtMost.class))
            .map(m -> new SpeedupDeclaration.SumCheck(Arrays.asList(m.members()), m.max()))
            .toList(),
        Arrays.stream(type.getAnnotationsByType(LessThan.class))
            .map(l -> new SpeedupDeclaration.OrderCheck(l.lower(), l.upper()))
            .toList(),
        divides == null ? List.of() : List.of(divides.value()),
        retention != null && retention.value() == RetentionPolicy.RUNTIME,
        null);
  }

  /** The runtime class named {@code name}, or null when the annotation's loader has none. */
  private static Implementation implementation(String name, Class<? extends Annotation> type) {
    Class<?> cls;
    try {
      cls = Class.forName(name, false, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    boolean topOrStatic = !cls.isMemberClass() || Modifier.isStatic(cls.getModifiers());
    boolean instantiable =
        !cls.isInterface()
            && !cls.isEnum()
            && !cls.isAnnotation()
            && !Modifier.isAbstract(cls.getModifiers())
            && !cls.isLocalClass()
            && !cls.isAnonymousClass()
            && topOrStatic;
    Constructor<?> called = calledConstructor(cls, type);
    String unreachable = null;
    boolean everywhere = called == null || Modifier.isPublic(called.getModifiers());
    for (Class<?> c = cls; c != null; c = c.getEnclosingClass()) {
      if (Modifier.isPrivate(c.getModifiers()) && unreachable == null) {
        unreachable =
            c == cls
                ? "it is private"
                : "the class it is nested in, " + c.getCanonicalName() + ", is private";
      }
      everywhere &= Modifier.isPublic(c.getModifiers());
    }
    return new Implementation(
        cls.getCanonicalName(),
        instantiable,
        supertypes(cls),
        called != null && called.getParameterCount() > 0,
        Arrays.stream(cls.getDeclaredConstructors())
            .anyMatch(c -> c.getParameterCount() == 0 && !Modifier.isPrivate(c.getModifiers())),
        unreachable,
        everywhere ? null : cls.getPackageName());
  }

  /**
   * The constructor the generated module calls, chosen as the processor chooses it: of the
   * non-private ones, the one taking the annotation first and the most run parts after it, else the
   * one without parameters; null when there is neither.
   */
  private static Constructor<?> calledConstructor(Class<?> cls, Class<?> annotationType) {
    Constructor<?> best = null;
    Constructor<?> noArg = null;
    for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
      if (Modifier.isPrivate(constructor.getModifiers())) {
        continue;
      }
      Class<?>[] params = constructor.getParameterTypes();
      boolean takesAnnotation =
          params.length > 0
              && params[0] == annotationType
              && Arrays.stream(params).skip(1).allMatch(RUN_PARTS::contains);
      if (takesAnnotation && (best == null || params.length > best.getParameterCount())) {
        best = constructor;
      }
      if (params.length == 0) {
        noArg = constructor;
      }
    }
    return best != null ? best : noArg;
  }

  private static Set<String> supertypes(Class<?> cls) {
    Set<String> names = new LinkedHashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.push(cls);
    while (!pending.isEmpty()) {
      Class<?> next = pending.pop();
      if (next != cls && !names.add(next.getCanonicalName())) {
        continue;
      }
      if (next.getSuperclass() != null) {
        pending.push(next.getSuperclass());
      }
      for (Class<?> i : next.getInterfaces()) {
        pending.push(i);
      }
    }
    return names;
  }
}
