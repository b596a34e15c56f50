package dev.hasten.processor;

import com.google.auto.service.AutoService;
import dev.hasten.dsl.rules.AnnotationUse;
import dev.hasten.dsl.rules.PipelineModel;
import dev.hasten.dsl.rules.Problem;
import dev.hasten.dsl.rules.Rules;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Hasten's annotation processor. For each class annotated {@code @Pipeline} it reads the class into
 * the rule model ({@link PipelineReader}), applies the rules ({@link Rules}), prints every problem
 * on its exact place ({@link Reporter}) and, only when none is an error, writes {@code FooTrainer}
 * ({@link TrainerWriter}) and {@code FooModule} ({@link ModuleWriter}) beside it. Speedup,
 * optimizer and schedule annotation types being compiled are also checked on their own, so a broken
 * custom one is reported even before a pipeline uses it. When processing is over it writes {@value
 * PipelineIndex#RESOURCE}.
 *
 * <p><b>Order of speedups in the generated loop.</b> Within every stage, speedups whose effect is
 * {@code CHEAPER_STEPS} (or {@code BOTH}) come first: they shrink the batch, so later transforms do
 * less work. Ties keep declaration order: recipe speedups in recipe order, then the pipeline's own
 * in the order written (one that replaces a recipe's takes the pipeline's position). {@code EVAL}'s
 * swap-out runs in the reverse of swap-in's order (Composer's first-in-last-out rule). {@code
 * RunSpec.speedups()} lists them in this same order.
 *
 * <p>Option {@code -Ahasten.warningsAsErrors=true} reports warnings as errors. A pipeline
 * acknowledges the known costs of its speedups with {@code @SuppressWarnings("hasten:cost")} on its
 * class (or a class enclosing it): those warnings are then not reported for it.
 */
@AutoService(Processor.class)
public final class PipelineProcessor extends AbstractProcessor {
  static final String WARNINGS_AS_ERRORS = "hasten.warningsAsErrors";

  private AnnotationReader annotations;
  private SpeedupReader speedups;
  private RunPartReader runParts;
  private PipelineReader pipelines;
  private PlanBuilder plans;
  private Reporter reporter;
  private final PipelineIndex index = new PipelineIndex();
  private boolean javacReportedErrors;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    SourceFiles sources = new SourceFiles(env);
    annotations = new AnnotationReader();
    ImplementationReader implementations =
        new ImplementationReader(env.getElementUtils(), env.getTypeUtils());
    speedups = new SpeedupReader(env.getElementUtils(), sources, implementations);
    runParts = new RunPartReader(env.getElementUtils(), sources, implementations);
    pipelines =
        new PipelineReader(
            env.getElementUtils(), env.getTypeUtils(), sources, annotations, speedups, runParts);
    plans = new PlanBuilder(env.getElementUtils(), env.getTypeUtils(), runParts);
    reporter =
        new Reporter(
            env.getMessager(), Boolean.parseBoolean(env.getOptions().get(WARNINGS_AS_ERRORS)));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Names.PIPELINE, Names.SPEEDUP, Names.OPTIMIZER, Names.SCHEDULE);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(WARNINGS_AS_ERRORS);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotated, RoundEnvironment round) {
    // An error javac found itself (a required annotation member left out, say) leaves the model
    // incomplete: report the rules' problems still, but generate nothing.
    javacReportedErrors |= round.errorRaised();
    for (Element element : elementsAnnotated(round, Names.SPEEDUP)) {
      if (element.getKind() == ElementKind.ANNOTATION_TYPE) {
        checkSpeedupType((TypeElement) element);
      }
    }
    for (String meta : List.of(Names.OPTIMIZER, Names.SCHEDULE)) {
      for (Element element : elementsAnnotated(round, meta)) {
        if (element.getKind() == ElementKind.ANNOTATION_TYPE) {
          reporter.report(Rules.checkDeclaration(runParts.read((TypeElement) element)));
        }
      }
    }
    for (Element element : elementsAnnotated(round, Names.PIPELINE)) {
      processPipeline((TypeElement) element);
    }
    if (round.processingOver()) {
      index.write(processingEnv.getFiler(), processingEnv.getElementUtils());
    }
    return false;
  }

  private List<? extends Element> elementsAnnotated(RoundEnvironment round, String name) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
    return annotation == null
        ? List.of()
        : new ArrayList<>(round.getElementsAnnotatedWith(annotation));
  }

  private void checkSpeedupType(TypeElement type) {
    SpeedupDeclaration declaration = speedups.read(type);
    AnnotationUse defaults = annotations.defaults(type, declaration.source());
    reporter.report(Rules.checkDeclaration(declaration, defaults));
  }

  /**
   * The {@code @SuppressWarnings} values in force on {@code type}: its own and those of the types
   * enclosing it, as javac scopes them. {@value Rules#SUPPRESS_COST} acknowledges the known costs
   * of the pipeline's speedups, so that they are not reported (and a build with {@code -Werror} or
   * {@code hasten.warningsAsErrors} passes).
   */
  static Set<String> suppressedWarnings(TypeElement type) {
    Set<String> values = new HashSet<>();
    for (Element e = type; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null) {
        values.addAll(Arrays.asList(suppress.value()));
      }
    }
    return values;
  }

  /** Validate, report, and generate only when the report has no error. */
  private void processPipeline(TypeElement type) {
    index.add(type);
    PipelineModel model = pipelines.read(type);
    List<Problem> problems = Rules.check(model, suppressedWarnings(type));
    if (reporter.report(problems) || javacReportedErrors) {
      return;
    }
    TrainerPlan plan = plans.build(type, model);
    GeneratedFiles.write(
        processingEnv.getFiler(), plan.module().packageName(), TrainerWriter.trainer(plan));
    GeneratedFiles.write(
        processingEnv.getFiler(), plan.module().packageName(), ModuleWriter.module(plan));
  }
}
