package dev.hasten.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.hasten.dsl.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooTrainer}: the training loop for exactly this pipeline's speedups, as straight
 * code. Each speedup is called directly at each of its stages, in loop order; {@code EVAL}'s
 * swap-out runs in the reverse of swap-in's order, and a {@code STEP} speedup replaces the plain
 * optimizer step. A stage with speedups gets a one-line comment naming it. Each epoch ends, after
 * {@code EVAL}, with {@code run.endEpoch(epoch)}, which writes the epoch's checkpoint.
 */
final class TrainerWriter {
  private TrainerWriter() {}

  static TypeSpec trainer(TrainerPlan plan) {
    TypeSpec.Builder trainer =
        TypeSpec.classBuilder(plan.trainer())
            .addAnnotation(GeneratedFiles.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.PIPELINE_TRAINER)
            .addOriginatingElement(plan.element());
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addAnnotation(RuntimeTypes.INJECT)
            .addModifiers(Modifier.PUBLIC);
    for (ParameterSpec dependency : dependencies(plan)) {
      trainer.addField(
          FieldSpec.builder(dependency.type(), dependency.name(), Modifier.PRIVATE, Modifier.FINAL)
              .build());
      constructor
          .addParameter(dependency)
          .addStatement("this.$N = $N", dependency.name(), dependency.name());
    }
    return trainer.addMethod(constructor.build()).addMethod(fit(plan)).build();
  }

  /** What the constructor takes, in order: the run's parts, then the speedups in loop order. */
  private static List<ParameterSpec> dependencies(TrainerPlan plan) {
    List<ParameterSpec> dependencies = new ArrayList<>();
    dependencies.add(ParameterSpec.builder(RuntimeTypes.RUN_SPEC, "spec").build());
    dependencies.add(ParameterSpec.builder(RuntimeTypes.RUNS, "runs").build());
    dependencies.add(named(RuntimeTypes.BLOCK, "model"));
    dependencies.add(named(RuntimeTypes.DATASET, "train"));
    if (plan.eval() != null) {
      dependencies.add(named(RuntimeTypes.DATASET, "eval"));
    }
    dependencies.add(ParameterSpec.builder(RuntimeTypes.PARAMETER_UPDATER, "optimizer").build());
    dependencies.add(ParameterSpec.builder(RuntimeTypes.LR_SCHEDULE, "schedule").build());
    for (TrainerPlan.SpeedupPlan speedup : plan.speedups()) {
      dependencies.add(
          speedup.named()
              ? named(speedup.runtimeClass(), speedup.name())
              : ParameterSpec.builder(speedup.runtimeClass(), speedup.name()).build());
    }
    return dependencies;
  }

  private static ParameterSpec named(ClassName type, String name) {
    return ParameterSpec.builder(type, name).addAnnotation(ModuleWriter.named(name)).build();
  }

  private static MethodSpec fit(TrainerPlan plan) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<TrainerPlan.SpeedupPlan> surgery = plan.at(Stage.MODEL_SURGERY);
    String model = "model";
    if (!surgery.isEmpty()) {
      code.add("// $L\n", Stage.MODEL_SURGERY);
      code.addStatement(
          "$T model = $N.apply(this.model, spec)", RuntimeTypes.BLOCK, surgery.get(0).name());
      for (TrainerPlan.SpeedupPlan s : surgery.subList(1, surgery.size())) {
        code.addStatement("model = $N.apply(model, spec)", s.name());
      }
    }
    code.beginControlFlow(
        "try ($T run = runs.open(spec, $L, train, $L, optimizer, schedule))",
        RuntimeTypes.RUN,
        model,
        plan.eval() != null ? "eval" : "null");
    for (TrainerPlan.SpeedupPlan s : plan.stateful()) {
      code.addStatement("run.keepState($S, $N)", s.name(), s.name());
    }
    calls(code, plan, Stage.FIT_START, "$N.onFitStart(run)");
    code.beginControlFlow("for (int epoch : run.epochs())");
    calls(code, plan, Stage.EPOCH_START, "$N.onEpochStart(run, epoch)");
    code.beginControlFlow("for ($T step : run.steps(epoch))", RuntimeTypes.STEP);
    calls(code, plan, Stage.BATCH, "$N.transformBatch(step)");
    code.beginControlFlow(
        "try ($T gradients = run.newGradientCollector())", RuntimeTypes.GRADIENT_COLLECTOR);
    code.addStatement("run.forward(step)");
    calls(code, plan, Stage.LOSS, "$N.transformTargets(step)");
    code.addStatement("run.computeLoss(step)");
    code.addStatement("gradients.backward(step.loss())");
    code.endControlFlow();
    calls(code, plan, Stage.GRADIENTS, "$N.transformGradients(step)");
    List<TrainerPlan.SpeedupPlan> stepRules = plan.at(Stage.STEP);
    if (stepRules.isEmpty()) {
      code.addStatement("run.optimizerStep(step)");
    } else {
      // The rules allow at most one STEP speedup (the implicit "optimizer-step" slot).
      calls(code, plan, Stage.STEP, "$N.step(run, step)");
    }
    calls(code, plan, Stage.AFTER_STEP, "$N.afterStep(step)");
    code.addStatement("run.endStep(step)");
    code.endControlFlow();
    calls(code, plan, Stage.EPOCH_END, "$N.onEpochEnd(run, epoch)");
    List<TrainerPlan.SpeedupPlan> eval = plan.at(Stage.EVAL);
    calls(code, Stage.EVAL, eval, "$N.swapIn(run.model())");
    code.addStatement("run.evaluate(epoch)");
    List<TrainerPlan.SpeedupPlan> reversed = new ArrayList<>(eval);
    Collections.reverse(reversed);
    for (TrainerPlan.SpeedupPlan s : reversed) {
      code.addStatement("$N.swapOut(run.model())", s.name());
    }
    code.addStatement("run.endEpoch(epoch)");
    code.endControlFlow();
    code.addStatement("return run.finish()");
    code.endControlFlow();
    return MethodSpec.methodBuilder("fit")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeTypes.RUN_RESULT)
        .addCode(code.build())
        .build();
  }

  private static void calls(CodeBlock.Builder code, TrainerPlan plan, Stage stage, String call) {
    calls(code, stage, plan.at(stage), call);
  }

  private static void calls(
      CodeBlock.Builder code, Stage stage, List<TrainerPlan.SpeedupPlan> speedups, String call) {
    if (speedups.isEmpty()) {
      return;
    }
    code.add("// $L\n", stage);
    for (TrainerPlan.SpeedupPlan s : speedups) {
      code.addStatement(call, s.name());
    }
  }
}
