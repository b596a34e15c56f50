package dev.hasten.dsl.rules;

/**
 * What an optimizer or schedule annotation type declares about itself: the runtime class that
 * implements it ({@code @Optimizer(implementedBy)} or {@code @Schedule(implementedBy)}).
 *
 * @param qualifiedName the annotation type's canonical name
 * @param part whether it is an optimizer or a schedule
 * @param implementedBy the runtime class's name as written
 * @param implementation that class, or {@code null} if no class has that name
 * @param retainedAtRuntime whether the annotation type has {@code @Retention(RUNTIME)}
 * @param source the annotation type's {@code @Optimizer} or {@code @Schedule} when the type is
 *     being compiled now, so that its own faults are reported there; {@code null} for a type from a
 *     library, whose faults are reported where a pipeline uses it
 */
public record RunPartDeclaration(
    String qualifiedName,
    RunPart part,
    String implementedBy,
    Implementation implementation,
    boolean retainedAtRuntime,
    Object source) {

  public String simpleName() {
    return Format.simpleName(qualifiedName);
  }
}
