package dev.hasten.processor;

import com.palantir.javapoet.ClassName;
import dev.hasten.dsl.rules.GeneratedNames;
import dev.hasten.dsl.rules.MemberMethod;
import dev.hasten.dsl.rules.PipelineModel;
import dev.hasten.dsl.rules.Role;
import dev.hasten.dsl.rules.RunPart;
import dev.hasten.dsl.rules.RunPartDeclaration;
import dev.hasten.dsl.rules.RunPartUse;
import dev.hasten.dsl.rules.SpeedupUse;
import dev.hasten.dsl.rules.Speedups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns a validated {@link PipelineModel} into a {@link TrainerPlan}: resolves names to types,
 * fills in the default optimizer and schedule ({@value Names#DEFAULTS}'s), puts the speedups in
 * loop order ({@link Speedups#loopOrder}) and names each one.
 */
final class PlanBuilder {
  /**
   * Names the generated trainer and module already use for their own fields, locals and methods, so
   * that no speedup takes one.
   */
  private static final Set<String> TAKEN =
      Set.of(
          "spec",
          "runs",
          "model",
          "train",
          "eval",
          "optimizer",
          "schedule",
          "run",
          "epoch",
          "step",
          "gradients",
          "fit",
          "configure",
          "binder",
          "currentStage",
          "hashCode",
          "toString",
          "getClass",
          "clone",
          "finalize",
          "notify",
          "notifyAll",
          "wait");

  private final Elements elements;
  private final Types types;
  private final RunPartReader runParts;

  PlanBuilder(Elements elements, Types types, RunPartReader runParts) {
    this.elements = elements;
    this.types = types;
    this.runParts = runParts;
  }

  TrainerPlan build(TypeElement type, PipelineModel model) {
    ClassName pipeline = ClassName.get(type);
    return new TrainerPlan(
        type,
        pipeline,
        pipeline.canonicalName(),
        ClassName.get(
            pipeline.packageName(), GeneratedNames.moduleSimpleName(pipeline.simpleNames())),
        ClassName.get(
            pipeline.packageName(), GeneratedNames.trainerSimpleName(pipeline.simpleNames())),
        model.pipeline(),
        model.tasks().get(0).annotation(),
        model.traits(),
        runPart(model.optimizers(), RunPart.OPTIMIZER, pipeline),
        runPart(model.schedules(), RunPart.SCHEDULE, pipeline),
        method(model, Role.MODEL),
        method(model, Role.TRAIN),
        method(model, Role.EVAL),
        speedups(pipeline, Speedups.loopOrder(model)));
  }

  /**
   * The pipeline's optimizer or schedule, read from the pipeline; without one, {@value
   * Names#DEFAULTS}'s, read from that class.
   */
  private TrainerPlan.RunPartPlan runPart(List<RunPartUse> uses, RunPart part, ClassName pipeline) {
    if (!uses.isEmpty()) {
      return runPart(uses.get(0).declaration(), pipeline);
    }
    TypeElement defaults = elements.getTypeElement(Names.DEFAULTS);
    for (AnnotationMirror mirror : defaults.getAnnotationMirrors()) {
      TypeElement annotation = Mirrors.type(mirror);
      if (RunPartReader.partOf(annotation).orElse(null) == part) {
        return runPart(runParts.read(annotation), ClassName.get(defaults));
      }
    }
    throw new IllegalStateException(Names.DEFAULTS + " names no " + part.noun());
  }

  private TrainerPlan.RunPartPlan runPart(RunPartDeclaration declaration, ClassName holder) {
    // A default's class is not checked by the rules: missing, its name still makes code that
    // javac rejects on that name.
    TypeElement runtime = elements.getTypeElement(declaration.implementedBy());
    return new TrainerPlan.RunPartPlan(
        runtime != null ? ClassName.get(runtime) : ClassName.bestGuess(declaration.implementedBy()),
        ClassName.get(elements.getTypeElement(declaration.qualifiedName())),
        holder,
        declaration.implementation() == null || declaration.implementation().takesAnnotation());
  }

  private static ExecutableElement method(PipelineModel model, Role role) {
    List<MemberMethod> methods = model.methods(role);
    return methods.isEmpty()
        ? null
        : (ExecutableElement) ((Site) methods.get(0).source()).element();
  }

  private List<TrainerPlan.SpeedupPlan> speedups(ClassName pipeline, List<SpeedupUse> ordered) {
    Set<String> used = new HashSet<>(TAKEN);
    Map<String, Integer> classUses = new HashMap<>();
    ordered.forEach(u -> classUses.merge(u.declaration().implementedBy(), 1, Integer::sum));
    List<TrainerPlan.SpeedupPlan> plans = new ArrayList<>();
    for (SpeedupUse use : ordered) {
      TypeElement annotation = elements.getTypeElement(use.declaration().qualifiedName());
      TypeElement runtime = elements.getTypeElement(use.declaration().implementedBy());
      ClassName holder =
          use.fromRecipe()
              ? ClassName.get(elements.getTypeElement(use.recipe().qualifiedName()))
              : pipeline;
      plans.add(
          new TrainerPlan.SpeedupPlan(
              uniqueName(decapitalize(use.simpleName()), used),
              use.simpleName(),
              ClassName.get(runtime),
              ClassName.get(annotation),
              holder,
              use.declaration().implementation().takesAnnotation(),
              injected(runtime, annotation),
              classUses.get(use.declaration().implementedBy()) > 1,
              use.declaration().stages(),
              use.declaration()
                  .implementation()
                  .supertypes()
                  .contains(RuntimeTypes.STATEFUL.canonicalName())));
    }
    return plans;
  }

  /**
   * The run parts the runtime class's constructor takes after the annotation: those of the
   * constructor the module calls ({@link ImplementationReader#calledConstructor}), none if it takes
   * no annotation.
   */
  private List<ClassName> injected(TypeElement runtime, TypeElement annotation) {
    ExecutableElement called =
        ImplementationReader.calledConstructor(runtime, annotation, RuntimeTypes.INJECTABLE, types);
    List<String> injected =
        called == null
            ? null
            : ImplementationReader.injectedParameters(
                called, annotation, RuntimeTypes.INJECTABLE, types);
    List<ClassName> names = new ArrayList<>();
    if (injected != null) {
      injected.forEach(name -> names.add(ClassName.bestGuess(name)));
    }
    return names;
  }

  private static String uniqueName(String wanted, Set<String> used) {
    String name = SourceVersion.isKeyword(wanted) ? wanted + "_" : wanted;
    for (int i = 2; !used.add(name); i++) {
      name = wanted + i;
    }
    return name;
  }

  /**
   * {@code LabelSmoothing} → {@code labelSmoothing}; {@code EMA} → {@code ema}; {@code SGDFoo} →
   * {@code sgdFoo}.
   */
  static String decapitalize(String name) {
    int upper = 0;
    while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
      upper++;
    }
    if (upper <= 1 || upper == name.length()) {
      return name.substring(0, upper).toLowerCase() + name.substring(upper);
    }
    // Keep the last capital of a run when a word follows it: SGDFoo → sgdFoo.
    return name.substring(0, upper - 1).toLowerCase() + name.substring(upper - 1);
  }
}
