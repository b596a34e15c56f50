package dev.hasten.processor;

import dev.hasten.dsl.rules.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.tools.Diagnostic;

/**
 * Prints the rules' problems through javac, each on the exact place: the value when the problem
 * names a member the author wrote, else the annotation, else the element. A problem found twice
 * (two pipelines sharing one recipe, say) is printed once. With {@code warningsAsErrors}, warnings
 * are printed as errors.
 */
final class Reporter {
  private final Messager messager;
  private final boolean warningsAsErrors;
  private final Set<Printed> printed = new HashSet<>();

  Reporter(Messager messager, boolean warningsAsErrors) {
    this.messager = messager;
    this.warningsAsErrors = warningsAsErrors;
  }

  /** Prints {@code problems}; returns whether any was printed as an error. */
  boolean report(List<Problem> problems) {
    boolean errors = false;
    for (Problem problem : problems) {
      Diagnostic.Kind kind = kind(problem);
      errors |= kind == Diagnostic.Kind.ERROR;
      print(kind, problem);
    }
    return errors;
  }

  private Diagnostic.Kind kind(Problem problem) {
    switch (problem.severity()) {
      case ERROR:
        return Diagnostic.Kind.ERROR;
      case WARNING:
        return warningsAsErrors ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
      default:
        return Diagnostic.Kind.NOTE;
    }
  }

  private void print(Diagnostic.Kind kind, Problem problem) {
    Site site = (Site) problem.source();
    AnnotationValue value =
        site.annotation() == null || problem.member() == null
            ? null
            : Mirrors.explicit(site.annotation(), problem.member());
    if (!printed.add(new Printed(kind, problem.message(), site, value))) {
      return;
    }
    if (site.annotation() == null) {
      messager.printMessage(kind, problem.message(), site.element());
    } else if (value == null) {
      messager.printMessage(kind, problem.message(), site.element(), site.annotation());
    } else {
      messager.printMessage(kind, problem.message(), site.element(), site.annotation(), value);
    }
  }

  /** What makes two printed diagnostics the same. */
  private record Printed(Diagnostic.Kind kind, String message, Site site, AnnotationValue value) {}
}
