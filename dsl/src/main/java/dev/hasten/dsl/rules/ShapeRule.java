package dev.hasten.dsl.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Family 6: the pipeline class has the shape the generated code needs: a class Guice can create,
 * one {@code @Model}, one {@code @TrainData}, at most one {@code @EvalData} (its own or inherited
 * from a superclass), each returning the right type and callable on the instance from the
 * pipeline's package; exactly one task; at most one optimizer and one schedule. ({@code epochs >=
 * 1} is a range, checked by {@link RangeRule}.)
 */
final class ShapeRule {
  private ShapeRule() {}

  static List<Problem> check(PipelineModel model) {
    List<Problem> problems = new ArrayList<>();
    checkClass(model.type(), problems);
    checkMethods(model, problems);
    checkOnlyOne(model, model.tasks().stream().map(TaskUse::annotation).toList(), "task", problems);
    checkOnlyOne(model, annotations(model.optimizers()), "optimizer", problems);
    checkOnlyOne(model, annotations(model.schedules()), "schedule", problems);
    if (model.tasks().isEmpty()) {
      problems.add(
          Problem.error(
              model.type().simpleName()
                  + " has no task annotation: add one, e.g. @ImageClassification(channels = 1,"
                  + " height = 28, width = 28, classes = 10)",
              model.type().source()));
    }
    return problems;
  }

  private static List<AnnotationUse> annotations(List<RunPartUse> uses) {
    return uses.stream().map(RunPartUse::annotation).toList();
  }

  private static void checkClass(PipelineClass type, List<Problem> problems) {
    String name = type.simpleName();
    if (!type.isClass()) {
      problems.add(
          Problem.error(
              "@Pipeline applies to classes; " + name + " is not a class", type.source()));
      return;
    }
    if (type.isPrivate()) {
      problems.add(
          Problem.error(
              "Pipeline " + name + " cannot be private: the generated module refers to it",
              type.source()));
    }
    if (type.isAbstract()) {
      problems.add(
          Problem.error(
              "Pipeline " + name + " cannot be abstract: Guice creates an instance of it",
              type.source()));
    }
    if (type.isInner()) {
      problems.add(
          Problem.error(
              "Pipeline "
                  + name
                  + " cannot be an inner class: make it static or top-level, so that Guice can"
                  + " create it",
              type.source()));
    }
    // A private class's default constructor is private too; making the class non-private fixes
    // both.
    if (!type.hasNoArgConstructor() && !type.isPrivate()) {
      problems.add(
          Problem.error(
              "Pipeline "
                  + name
                  + " needs a non-private constructor without parameters: Guice creates the"
                  + " pipeline instance",
              type.source()));
    }
  }

  private static void checkMethods(PipelineModel model, List<Problem> problems) {
    String name = model.type().simpleName();
    for (Role role : Role.values()) {
      List<MemberMethod> methods = model.methods(role);
      if (methods.isEmpty() && role != Role.EVAL) {
        problems.add(
            Problem.error(
                String.format(
                    "%s has no @%s method: add one that returns %s",
                    name, role.annotation(), role.requiredType()),
                model.type().source()));
      }
      for (int i = 1; i < methods.size(); i++) {
        problems.add(
            Problem.error(
                String.format(
                    "%s has more than one @%s method: keep one of %s",
                    name,
                    role.annotation(),
                    methods.stream().map(MemberMethod::label).collect(Collectors.joining(" and "))),
                site(methods.get(i), methods.get(i).roleSource(), model)));
      }
      for (MemberMethod method : methods) {
        checkMethod(method, model, problems);
      }
    }
  }

  /**
   * Where a method's problem is reported: on the method, or on the pipeline class for a method it
   * inherits, since the problem is the pipeline's (another pipeline may inherit the same method
   * without fault, and a superclass from a library has no source line).
   */
  private static Object site(MemberMethod method, Object onMethod, PipelineModel model) {
    return method.inherited() ? model.type().source() : onMethod;
  }

  private static void checkMethod(
      MemberMethod method, PipelineModel model, List<Problem> problems) {
    String what =
        "@"
            + method.role().annotation()
            + " method "
            + method.name()
            + "()"
            + (method.inherited() ? " of " + method.inheritedFrom() : "");
    Object at = site(method, method.source(), model);
    if (!method.returnTypeFits()) {
      problems.add(
          Problem.error(
              String.format(
                  "%s must return %s, not %s",
                  what, method.role().requiredType(), method.returnType()),
              at));
    }
    if (method.isPrivate()) {
      problems.add(Problem.error(what + " cannot be private: the generated module calls it", at));
    }
    if (method.isStatic()) {
      problems.add(
          Problem.error(
              what + " cannot be static: the generated module calls it on the pipeline instance",
              at));
    }
    if (method.packageOnly() != null && !method.isPrivate()) {
      problems.add(
          Problem.error(
              String.format(
                  "%s is not public, so only code in package %s can call it, and %s's generated"
                      + " module is in package %s; make it public",
                  what,
                  method.packageOnly(),
                  model.type().simpleName(),
                  model.type().packageName()),
              at));
    }
  }

  private static void checkOnlyOne(
      PipelineModel model, List<AnnotationUse> uses, String kind, List<Problem> problems) {
    String names =
        uses.stream().map(u -> "@" + u.simpleName()).collect(Collectors.joining(" and "));
    for (int i = 1; i < uses.size(); i++) {
      problems.add(
          Problem.error(
              String.format(
                  "%s has more than one %s: keep one of %s",
                  model.type().simpleName(), kind, names),
              uses.get(i).source()));
    }
  }
}
