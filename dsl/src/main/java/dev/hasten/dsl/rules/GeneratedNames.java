package dev.hasten.dsl.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The names of the classes the processor generates for a pipeline, in one place for the processor
 * that writes them and the runtime that loads them. For {@code p.Foo} they are {@code p.FooModule}
 * and {@code p.FooTrainer}; for a static nested {@code p.Outer.Foo} they are {@code
 * p.Outer_FooModule} and {@code p.Outer_FooTrainer}, top-level classes beside the outer one.
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** The generated Guice module's binary name, ready for {@code Class.forName}. */
  public static String module(Class<?> pipeline) {
    return qualified(pipeline, "Module");
  }

  /** The generated trainer's binary name. */
  public static String trainer(Class<?> pipeline) {
    return qualified(pipeline, "Trainer");
  }

  /**
   * The generated module's simple name for a pipeline nested as {@code simpleNames}, outermost
   * first.
   */
  public static String moduleSimpleName(List<String> simpleNames) {
    return String.join("_", simpleNames) + "Module";
  }

  /**
   * The generated trainer's simple name for a pipeline nested as {@code simpleNames}, outermost
   * first.
   */
  public static String trainerSimpleName(List<String> simpleNames) {
    return String.join("_", simpleNames) + "Trainer";
  }

  private static String qualified(Class<?> pipeline, String suffix) {
    Deque<String> names = new ArrayDeque<>();
    for (Class<?> c = pipeline; c != null; c = c.getEnclosingClass()) {
      names.addFirst(c.getSimpleName());
    }
    String simple = String.join("_", names) + suffix;
    String pkg = pipeline.getPackageName();
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }
}
