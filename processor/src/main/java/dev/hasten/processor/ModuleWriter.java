package dev.hasten.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.rules.AnnotationUse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code FooModule}, the Guice module that binds the trainer and provides what its
 * constructor takes: the {@code RunSpec} from literal values, the optimizer and schedule (each
 * handed its annotation, as a speedup is), the model and data from the pipeline's own methods
 * (their parameters injected as declared), and one provider per speedup that hands the speedup's
 * annotation to its runtime class.
 */
final class ModuleWriter {
  private ModuleWriter() {}

  static TypeSpec module(TrainerPlan plan) {
    TypeSpec.Builder module =
        TypeSpec.classBuilder(plan.module())
            .addAnnotation(GeneratedFiles.generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(RuntimeTypes.ABSTRACT_MODULE)
            .addOriginatingElement(plan.element())
            .addMethod(configure(plan))
            .addMethod(spec(plan))
            .addMethod(
                provider("optimizer", RuntimeTypes.PARAMETER_UPDATER)
                    .addAnnotation(RuntimeTypes.SINGLETON)
                    .addStatement("return $L", create(plan.optimizer()))
                    .build())
            .addMethod(
                provider("schedule", RuntimeTypes.LR_SCHEDULE)
                    .addAnnotation(RuntimeTypes.SINGLETON)
                    .addStatement("return $L", create(plan.schedule()))
                    .build())
            .addMethod(fromPipeline(plan, "model", RuntimeTypes.BLOCK, plan.model()))
            .addMethod(fromPipeline(plan, "train", RuntimeTypes.DATASET, plan.train()));
    if (plan.eval() != null) {
      module.addMethod(fromPipeline(plan, "eval", RuntimeTypes.DATASET, plan.eval()));
    }
    for (TrainerPlan.SpeedupPlan speedup : plan.speedups()) {
      module.addMethod(speedup(speedup));
    }
    return module.build();
  }

  private static MethodSpec configure(TrainerPlan plan) {
    return MethodSpec.methodBuilder("configure")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addStatement("bind($T.class).to($T.class)", RuntimeTypes.PIPELINE_TRAINER, plan.trainer())
        .build();
  }

  private static MethodSpec spec(TrainerPlan plan) {
    AnnotationUse pipeline = plan.pipelineValues();
    AnnotationUse task = plan.task();
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add("return $T.builder()", RuntimeTypes.RUN_SPEC)
            .indent()
            .indent()
            .add("\n.setPipeline($S)", plan.pipelineName())
            .add("\n.setEpochs($L)", Literals.of(pipeline.value("epochs").value()))
            .add("\n.setBatchSize($L)", Literals.of(pipeline.value("batchSize").value()))
            .add("\n.setSeed($L)", Literals.of(pipeline.value("seed").value()));
    if (task.has("channels") && task.has("height") && task.has("width")) {
      code.add(
          "\n.setImageShape($L, $L, $L)",
          task.value("channels").value(),
          task.value("height").value(),
          task.value("width").value());
    }
    if (task.has("classes")) {
      code.add("\n.setClasses($L)", task.value("classes").value());
    }
    if (task.has("vocabulary")) {
      code.add("\n.setClasses($L)", task.value("vocabulary").value());
    }
    if (task.has("sequenceLength")) {
      code.add("\n.optSequenceLength($L)", task.value("sequenceLength").value());
    }
    if (!plan.traits().isEmpty()) {
      List<CodeBlock> traits = new ArrayList<>();
      for (Trait trait : plan.traits()) {
        traits.add(CodeBlock.of("$T.$L", RuntimeTypes.TRAIT, trait.name()));
      }
      code.add("\n.optTraits($L)", CodeBlock.join(traits, ", "));
    }
    if (!plan.speedups().isEmpty()) {
      List<CodeBlock> names = new ArrayList<>();
      plan.speedups().forEach(s -> names.add(CodeBlock.of("$S", s.simpleName())));
      code.add("\n.optSpeedups($L)", CodeBlock.join(names, ", "));
    }
    code.add("\n.build();\n").unindent().unindent();
    return provider("spec", RuntimeTypes.RUN_SPEC)
        .addAnnotation(RuntimeTypes.SINGLETON)
        .addCode(code.build())
        .build();
  }

  /**
   * {@code @Provides @Named("model") Block model(Foo pipeline, Models models)}: the pipeline's
   * method, called on the instance Guice creates, with its parameters as declared.
   */
  private static MethodSpec fromPipeline(
      TrainerPlan plan, String name, ClassName type, ExecutableElement method) {
    Set<String> names = new HashSet<>();
    method.getParameters().forEach(p -> names.add(p.getSimpleName().toString()));
    String pipeline = "pipeline";
    while (names.contains(pipeline)) {
      pipeline = "_" + pipeline;
    }
    MethodSpec.Builder provider =
        provider(name, type).addAnnotation(named(name)).addParameter(plan.pipeline(), pipeline);
    List<String> arguments = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      ParameterSpec.Builder spec =
          ParameterSpec.builder(
              TypeName.get(parameter.asType()), parameter.getSimpleName().toString());
      for (AnnotationMirror annotation : parameter.getAnnotationMirrors()) {
        spec.addAnnotation(AnnotationSpec.get(annotation));
      }
      provider.addParameter(spec.build());
      arguments.add(parameter.getSimpleName().toString());
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      provider.addException(TypeName.get(thrown));
    }
    return provider
        .addStatement(
            "return $L.$L($L)", pipeline, method.getSimpleName(), String.join(", ", arguments))
        .build();
  }

  /**
   * {@code new SgdOptimizer(Foo.class.getAnnotation(Sgd.class))}, or {@code new ConstantSchedule()}
   * for a class without a constructor taking its annotation.
   */
  private static CodeBlock create(TrainerPlan.RunPartPlan part) {
    return part.takesAnnotation()
        ? CodeBlock.of(
            "new $T($T.class.getAnnotation($T.class))",
            part.runtimeClass(),
            part.holder(),
            part.annotation())
        : CodeBlock.of("new $T()", part.runtimeClass());
  }

  /**
   * {@code new LabelSmoothingMethod(Foo.class.getAnnotation(LabelSmoothing.class))}; a class that
   * also takes run parts gets them as the provider's parameters, from Guice: {@code
   * decoupledWeightDecay(ParameterUpdater optimizer, LrSchedule schedule)}.
   */
  private static MethodSpec speedup(TrainerPlan.SpeedupPlan speedup) {
    MethodSpec.Builder provider = provider(speedup.name(), speedup.runtimeClass());
    if (speedup.named()) {
      provider.addAnnotation(named(speedup.name()));
    }
    if (speedup.takesAnnotation()) {
      CodeBlock.Builder arguments =
          CodeBlock.builder()
              .add("$T.class.getAnnotation($T.class)", speedup.holder(), speedup.annotation());
      Set<String> names = new HashSet<>();
      for (ClassName part : speedup.injected()) {
        String name = PlanBuilder.decapitalize(part.simpleName());
        for (int i = 2; !names.add(name); i++) {
          name = PlanBuilder.decapitalize(part.simpleName()) + i;
        }
        provider.addParameter(part, name);
        arguments.add(", $N", name);
      }
      provider.addStatement("return new $T($L)", speedup.runtimeClass(), arguments.build());
    } else {
      provider.addStatement("return new $T()", speedup.runtimeClass());
    }
    return provider.build();
  }

  private static MethodSpec.Builder provider(String name, TypeName type) {
    return MethodSpec.methodBuilder(name).addAnnotation(RuntimeTypes.PROVIDES).returns(type);
  }

  static AnnotationSpec named(String name) {
    return AnnotationSpec.builder(RuntimeTypes.NAMED).addMember("value", "$S", name).build();
  }
}
