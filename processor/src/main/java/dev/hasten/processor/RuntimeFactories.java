package dev.hasten.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.hasten.dsl.rules.AnnotationUse;
import dev.hasten.dsl.rules.MemberValue;
import dev.hasten.dsl.rules.PipelineModel;
import dev.hasten.dsl.rules.Problem;
import dev.hasten.dsl.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How each optimizer and schedule annotation becomes a runtime object. Optimizers are built with
 * their runtime builder ({@code lr} is the required {@code setLearningRate}, every other member an
 * {@code opt…} call, in declaration order); schedules are constructed with their members in
 * declaration order. An {@code @Optimizer} or {@code @Schedule} annotation with no runtime
 * counterpart here is an error, since the generated module could not build it.
 */
final class RuntimeFactories {
  private static final Map<String, String> OPTIMIZERS =
      Map.of("dev.hasten.dsl.Sgd", "SgdOptimizer", "dev.hasten.dsl.AdamW", "AdamWOptimizer");
  private static final Map<String, String> SCHEDULES =
      Map.of(
          "dev.hasten.dsl.ConstantLr", "ConstantSchedule",
          "dev.hasten.dsl.CosineLr", "CosineSchedule",
          "dev.hasten.dsl.OneCycleLr", "OneCycleSchedule",
          "dev.hasten.dsl.LinearLr", "LinearSchedule");

  private RuntimeFactories() {}

  /** Errors for optimizer and schedule annotations the runtime has no class for. */
  static List<Problem> unsupported(PipelineModel model) {
    List<Problem> problems = new ArrayList<>();
    for (AnnotationUse use : model.optimizers()) {
      if (!OPTIMIZERS.containsKey(use.qualifiedName())) {
        problems.add(unsupported(use, "optimizer", "@Sgd or @AdamW"));
      }
    }
    for (AnnotationUse use : model.schedules()) {
      if (!SCHEDULES.containsKey(use.qualifiedName())) {
        problems.add(
            unsupported(use, "schedule", "@ConstantLr, @CosineLr, @OneCycleLr or @LinearLr"));
      }
    }
    return problems;
  }

  private static Problem unsupported(AnnotationUse use, String kind, String supported) {
    return new Problem(
        Severity.ERROR,
        String.format(
            "The Hasten runtime has no %s for @%s: use %s", kind, use.simpleName(), supported),
        use.source(),
        null);
  }

  /** {@code SgdOptimizer.builder().setLearningRate(0.2).optMomentum(0.9)…build()}. */
  static CodeBlock optimizer(AnnotationUse use) {
    ClassName type = ClassName.get(RuntimeTypes.OPTIM_PACKAGE, OPTIMIZERS.get(use.qualifiedName()));
    // Used as a statement's expression: JavaPoet indents the continuation lines itself.
    CodeBlock.Builder code = CodeBlock.builder().add("$T.builder()", type);
    for (MemberValue value : use.values()) {
      String method =
          value.name().equals("lr") ? "setLearningRate" : "opt" + capitalize(value.name());
      code.add("\n.$L($L)", method, Literals.of(value.value()));
    }
    return code.add("\n.build()").build();
  }

  /** {@code new CosineSchedule(0.0)}. */
  static CodeBlock schedule(AnnotationUse use) {
    ClassName type = ClassName.get(RuntimeTypes.OPTIM_PACKAGE, SCHEDULES.get(use.qualifiedName()));
    List<CodeBlock> args = new ArrayList<>();
    use.values().forEach(v -> args.add(Literals.of(v.value())));
    return CodeBlock.of("new $T($L)", type, CodeBlock.join(args, ", "));
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
