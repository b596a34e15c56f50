package dev.hasten.dsl.rules;

import dev.hasten.dsl.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Family 7: a speedup, optimizer or schedule type is sound on its own: {@code implementedBy} names
 * a class the generated module can create, which implements the interface of each of the speedup's
 * stages (an optimizer's or schedule's runtime interface); a speedup's cross-value checks name
 * members it has. Reported on the speedup type when it is being compiled now ({@link
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
    Map<String, String> required = new LinkedHashMap<>();
    for (Stage stage : declaration.stages()) {
      required.putIfAbsent(stage.interfaceName(), "to act at stage " + stage.name());
    }
    problems.addAll(
        checkClass(
            speedup,
            declaration.implementedBy(),
            declaration.implementation(),
            required,
            declaration.retainedAtRuntime(),
            at,
            member));
    return problems;
  }

  /**
   * The same checks for an optimizer or schedule type: its {@code implementedBy} names a class the
   * generated module can create, which implements the run part's interface.
   */
  static List<Problem> check(RunPartDeclaration declaration, Object fallback) {
    Object at = declaration.source() != null ? declaration.source() : fallback;
    String member = declaration.source() != null ? "implementedBy" : null;
    RunPart part = declaration.part();
    return checkClass(
        "@" + declaration.simpleName(),
        declaration.implementedBy(),
        declaration.implementation(),
        Map.of(part.interfaceName(), "to be " + article(part.noun())),
        declaration.retainedAtRuntime(),
        at,
        member);
  }

  /**
   * The faults of the runtime class {@code implementedBy} names for {@code annotation}, reported on
   * {@code member} of {@code at}.
   *
   * @param required each interface the class must implement, with why ("to act at stage EVAL")
   */
  private static List<Problem> checkClass(
      String annotation,
      String implementedBy,
      Implementation impl,
      Map<String, String> required,
      boolean retainedAtRuntime,
      Object at,
      String member) {
    List<Problem> problems = new ArrayList<>();
    if (impl == null) {
      problems.add(
          Problem.error(
              String.format(
                  "%s: implementedBy = \"%s\" names no class on the class path",
                  annotation, implementedBy),
              at,
              member));
      return problems;
    }
    String cls = impl.qualifiedName() + ", which implements " + annotation + ",";
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
    for (Map.Entry<String, String> type : required.entrySet()) {
      if (!impl.supertypes().contains(type.getKey())) {
        problems.add(
            Problem.error(
                String.format("%s must implement %s %s", cls, type.getKey(), type.getValue()),
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
                  cls, annotation),
              at,
              member));
    }
    if (impl.takesAnnotation() && !retainedAtRuntime) {
      problems.add(
          Problem.error(
              String.format(
                  "%s must have @Retention(RetentionPolicy.RUNTIME): %s's constructor receives it"
                      + " at run time",
                  annotation, impl.qualifiedName()),
              at));
    }
    return problems;
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /**
   * The reach of the generated code, which lives in the pipeline's package: a runtime class that
   * only its own package can reach (it, its constructor, or a class it is nested in is not public)
   * is refused for a pipeline elsewhere, where the pipeline uses the speedup.
   */
  static List<Problem> checkReach(SpeedupUse use, PipelineClass pipeline) {
    return checkReach(
        use.declaration().simpleName(), use.declaration().implementation(), use.site(), pipeline);
  }

  /** {@link #checkReach(SpeedupUse, PipelineClass)} for an optimizer or schedule. */
  static List<Problem> checkReach(RunPartUse use, PipelineClass pipeline) {
    return checkReach(
        use.declaration().simpleName(), use.declaration().implementation(), use.site(), pipeline);
  }

  private static List<Problem> checkReach(
      String annotation, Implementation impl, Object site, PipelineClass pipeline) {
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
                annotation,
                impl.qualifiedName(),
                impl.packageOnly(),
                pipeline.simpleName(),
                pipeline.packageName(),
                impl.packageOnly()),
            site));
  }
}
