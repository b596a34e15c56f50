package dev.hasten.dsl.rules;

/**
 * The facts of the class a {@code @Pipeline} annotates that decide whether Guice can create it and
 * the generated code can call it.
 *
 * @param qualifiedName the class's canonical name
 * @param packageName its package, where the trainer and module are generated
 * @param isClass whether it is a class (not an interface, enum, record or annotation type)
 * @param isPrivate whether it, or a class enclosing it, is private
 * @param isAbstract whether it is abstract
 * @param isInner whether it is nested without being static (inner, local or anonymous)
 * @param hasNoArgConstructor whether it has a non-private constructor without parameters
 * @param source the class
 */
public record PipelineClass(
    String qualifiedName,
    String packageName,
    boolean isClass,
    boolean isPrivate,
    boolean isAbstract,
    boolean isInner,
    boolean hasNoArgConstructor,
    Object source) {

  public String simpleName() {
    return Format.simpleName(qualifiedName);
  }
}
