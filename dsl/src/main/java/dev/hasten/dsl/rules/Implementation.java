package dev.hasten.dsl.rules;

import java.util.Set;

/**
 * The runtime class a speedup's {@code implementedBy} names, as far as the rules need it.
 *
 * <p>The generated module, written in the pipeline's package, creates it with {@code new}: so the
 * class, each class it is nested in, and the constructor the module calls must be public, or
 * package-private (or protected) with the pipeline in the class's package; none may be private.
 *
 * @param qualifiedName the class's name
 * @param instantiable whether it is a non-abstract, top-level or static class
 * @param supertypes canonical names of every class and interface it extends or implements
 * @param takesAnnotation whether it has a non-private constructor whose first parameter is the
 *     speedup annotation and whose others, if any, are run parts the generated module provides (the
 *     pipeline's {@code ParameterUpdater} and {@code LrSchedule})
 * @param hasNoArgConstructor whether it has a non-private constructor without parameters
 * @param unreachable why no generated code can reach the class (it, or a class it is nested in, is
 *     private), or null
 * @param packageOnly the class's package when only code in that package can reach the class and the
 *     constructor the module calls (one of them, or a class it is nested in, is not public), or
 *     null when code in any package can
 */
public record Implementation(
    String qualifiedName,
    boolean instantiable,
    Set<String> supertypes,
    boolean takesAnnotation,
    boolean hasNoArgConstructor,
    String unreachable,
    String packageOnly) {
  public Implementation {
    supertypes = Set.copyOf(supertypes);
  }

  /** A class that code in any package can reach, with its constructor. */
  public Implementation(
      String qualifiedName,
      boolean instantiable,
      Set<String> supertypes,
      boolean takesAnnotation,
      boolean hasNoArgConstructor) {
    this(qualifiedName, instantiable, supertypes, takesAnnotation, hasNoArgConstructor, null, null);
  }
}
