package dev.hasten.runtime.export;

import java.util.Optional;

/**
 * Finds a pipeline class by the name a run records: its canonical name, which for a nested class
 * ({@code a.Outer.Inner}) is not the binary name {@code Class.forName} takes ({@code
 * a.Outer$Inner}).
 */
final class PipelineClasses {
  private PipelineClasses() {}

  /** The class named {@code name} (canonical or binary) in {@code loader}, if there is one. */
  static Optional<Class<?>> find(String name, ClassLoader loader) {
    String candidate = name;
    while (true) {
      try {
        return Optional.of(Class.forName(candidate, true, loader));
      } catch (ClassNotFoundException | NoClassDefFoundError e) {
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          return Optional.empty();
        }
        candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
      }
    }
  }
}
