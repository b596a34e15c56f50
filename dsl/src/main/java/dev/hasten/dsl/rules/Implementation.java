package dev.hasten.dsl.rules;

import java.util.Set;

/**
 * The runtime class a speedup's {@code implementedBy} names, as far as the rules need it.
 *
 * @param qualifiedName the class's name
 * @param instantiable whether it is a public, non-abstract, top-level or static class
 * @param supertypes canonical names of every class and interface it extends or implements
 * @param takesAnnotation whether it has a public constructor whose first parameter is the speedup
 *     annotation and whose others, if any, are run parts the generated module provides (the
 *     pipeline's {@code ParameterUpdater} and {@code LrSchedule})
 * @param hasNoArgConstructor whether it has a public constructor without parameters
 */
public record Implementation(
    String qualifiedName,
    boolean instantiable,
    Set<String> supertypes,
    boolean takesAnnotation,
    boolean hasNoArgConstructor) {
  public Implementation {
    supertypes = Set.copyOf(supertypes);
  }
}
