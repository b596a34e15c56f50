package dev.hasten.dsl.rules;

import dev.hasten.dsl.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Family 7: a speedup type is sound on its own: {@code implementedBy} names a class the generated
 * module can create, which implements the interface of each of its stages; its cross-value checks
 * name members it has. Reported on the speedup type when it is being compiled now ({@link
 * SpeedupDeclaration#source()}), otherwise on {@code fallback}, the annotation where a pipeline
 * uses it.
 */
final class ImplementationRule {
  private ImplementationRule() {}

  static List<Problem> check(
      SpeedupDeclaration declaration, AnnotationUse someUse, Object fallback) {
    Object at = declaration.source() != null ? declaration.source() : fallback;
    String member = declaration.source() != null ? "implementedBy" : null;
    String speedup = "@" + declaration.simpleName();
    List<Problem> problems = new ArrayList<>();
    if (declaration.stages().isEmpty()) {
      problems.add(
          Problem.error(
              speedup + " declares no stages: it would never act",
              at,
              declaration.source() != null ? "stages" : null));
    }
    if (someUse != null) {
      for (String unknown : CrossValueRule.unknownMembers(declaration, someUse)) {
        problems.add(
            Problem.error(
                String.format(
                    "%s's cross-value checks name \"%s\", which is not a numeric member of %s",
                    speedup, unknown, speedup),
                at));
      }
    }
    Implementation impl = declaration.implementation();
    if (impl == null) {
      problems.add(
          Problem.error(
              String.format(
                  "%s: implementedBy = \"%s\" names no class on the class path",
                  speedup, declaration.implementedBy()),
              at,
              member));
      return problems;
    }
    String cls = impl.qualifiedName() + ", which implements " + speedup + ",";
    if (!impl.instantiable()) {
      problems.add(
          Problem.error(cls + " must be a non-abstract, top-level or static class", at, member));
    }
    if (impl.unreachable() != null) {
      problems.add(
          Problem.error(
              String.format(
                  "%s cannot be created by the generated module: %s; make it public, or"
                      + " package-private in the pipeline's package",
                  cls, impl.unreachable()),
              at,
              member));
    }
    for (Stage stage : declaration.stages()) {
      if (!impl.supertypes().contains(stage.interfaceName())) {
        problems.add(
            Problem.error(
                String.format(
                    "%s must implement %s to act at stage %s",
                    cls, stage.interfaceName(), stage.name()),
                at,
                member));
      }
    }
    if (!impl.takesAnnotation() && !impl.hasNoArgConstructor()) {
      problems.add(
          Problem.error(
              String.format(
                  "%s needs a non-private constructor taking %s, or a non-private constructor"
                      + " without parameters",
                  cls, speedup),
              at,
              member));
    }
    if (impl.takesAnnotation() && !declaration.retainedAtRuntime()) {
      problems.add(
          Problem.error(
              String.format(
                  "%s must have @Retention(RetentionPolicy.RUNTIME): %s's constructor receives it"
                      + " at run time",
                  speedup, impl.qualifiedName()),
              at));
    }
    return problems;
  }

  /**
   * The reach of the generated code, which lives in the pipeline's package: a runtime class that
   * only its own package can reach (it, its constructor, or a class it is nested in is not public)
   * is refused for a pipeline elsewhere, where the pipeline uses the speedup.
   */
  static List<Problem> checkReach(SpeedupUse use, PipelineClass pipeline) {
    Implementation impl = use.declaration().implementation();
    if (impl == null
        || impl.packageOnly() == null
        || impl.unreachable() != null
        || impl.packageOnly().equals(pipeline.packageName())) {
      return List.of();
    }
    return List.of(
        Problem.error(
            String.format(
                "@%s: %s is not public (it, its constructor or a class it is nested in), so only"
                    + " code in package %s can create it, and %s's generated module is in package"
                    + " %s; make it public, or move the pipeline to package %s",
                use.declaration().simpleName(),
                impl.qualifiedName(),
                impl.packageOnly(),
                pipeline.simpleName(),
                pipeline.packageName(),
                impl.packageOnly()),
            use.site()));
  }
}
