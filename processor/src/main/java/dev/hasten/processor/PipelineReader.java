package dev.hasten.processor;

import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.rules.AnnotationUse;
import dev.hasten.dsl.rules.MemberMethod;
import dev.hasten.dsl.rules.PipelineClass;
import dev.hasten.dsl.rules.PipelineModel;
import dev.hasten.dsl.rules.RecipeOrigin;
import dev.hasten.dsl.rules.Role;
import dev.hasten.dsl.rules.RunPart;
import dev.hasten.dsl.rules.RunPartUse;
import dev.hasten.dsl.rules.SpeedupUse;
import dev.hasten.dsl.rules.TaskUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a class annotated {@code @Pipeline} into the rule model: its annotations (sorted into
 * pipeline, task, optimizer, schedule, speedups and recipes by their meta-annotations, never by
 * name), its member methods (its own and those it inherits from superclasses) and the class's own
 * shape. Every model object gets a {@link Site}.
 *
 * <p>A recipe's speedups keep the recipe type as the place their values are written when the recipe
 * is being compiled now, and the recipe annotation on the pipeline otherwise.
 */
final class PipelineReader {
  private final Elements elements;
  private final Types types;
  private final SourceFiles sources;
  private final AnnotationReader annotations;
  private final SpeedupReader speedups;
  private final RunPartReader runParts;

  PipelineReader(
      Elements elements,
      Types types,
      SourceFiles sources,
      AnnotationReader annotations,
      SpeedupReader speedups,
      RunPartReader runParts) {
    this.elements = elements;
    this.types = types;
    this.sources = sources;
    this.annotations = annotations;
    this.speedups = speedups;
    this.runParts = runParts;
  }

  PipelineModel read(TypeElement type) {
    AnnotationUse pipeline = null;
    List<TaskUse> tasks = new ArrayList<>();
    List<RunPartUse> optimizers = new ArrayList<>();
    List<RunPartUse> schedules = new ArrayList<>();
    List<SpeedupUse> fromRecipes = new ArrayList<>();
    List<SpeedupUse> own = new ArrayList<>();
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      TypeElement annotationType = Mirrors.type(mirror);
      Site site = new Site(type, mirror);
      if (Mirrors.name(mirror).equals(Names.PIPELINE)) {
        pipeline = annotations.read(mirror, site);
      } else if (Mirrors.has(annotationType, Names.TASK)) {
        tasks.add(new TaskUse(annotations.read(mirror, site), provides(annotationType)));
      } else if (RunPartReader.partOf(annotationType).isPresent()) {
        RunPartUse use =
            new RunPartUse(runParts.read(annotationType), annotations.read(mirror, site));
        (use.declaration().part() == RunPart.OPTIMIZER ? optimizers : schedules).add(use);
      } else if (SpeedupReader.isSpeedup(annotationType)) {
        own.add(
            new SpeedupUse(speedups.read(annotationType), annotations.read(mirror, site), null));
      } else if (Mirrors.has(annotationType, Names.RECIPE)) {
        fromRecipes.addAll(recipe(annotationType, site));
      }
    }
    List<SpeedupUse> all = new ArrayList<>(fromRecipes);
    all.addAll(own);
    List<MemberMethod> methods = new ArrayList<>();
    List<Trait> traits = new ArrayList<>();
    for (ExecutableElement method : memberMethods(type)) {
      for (Role role : Role.values()) {
        Mirrors.find(method, roleAnnotation(role))
            .ifPresent(mirror -> methods.add(member(type, method, role, mirror)));
      }
      if (traits.isEmpty()) {
        Mirrors.find(method, Names.MODEL).ifPresent(m -> traits.addAll(traits(m)));
      }
    }
    return new PipelineModel(
        pipelineClass(type), pipeline, tasks, optimizers, schedules, methods, traits, all);
  }

  /**
   * The methods of {@code type} and of its superclasses, the pipeline's own first, each superclass
   * after its subclass; a method a subclass overrides is left out, so that only the override is
   * read (with its own annotations, as Java reads them).
   */
  private List<ExecutableElement> memberMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (TypeElement c = type; c != null; c = superclass(c)) {
      for (ExecutableElement method : ElementFilter.methodsIn(c.getEnclosedElements())) {
        boolean overridden = false;
        for (ExecutableElement below : methods) {
          overridden |= elements.overrides(below, method, type);
        }
        if (!overridden) {
          methods.add(method);
        }
      }
    }
    return methods;
  }

  /** The superclass of {@code type}, or null at {@code Object} (whose methods play no role). */
  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
  }

  private List<SpeedupUse> recipe(TypeElement recipe, Site onPipeline) {
    RecipeOrigin origin = new RecipeOrigin(recipe.getQualifiedName().toString(), onPipeline);
    boolean inSource = sources.isBeingCompiled(recipe);
    List<SpeedupUse> uses = new ArrayList<>();
    for (AnnotationMirror mirror : recipe.getAnnotationMirrors()) {
      TypeElement annotationType = Mirrors.type(mirror);
      if (SpeedupReader.isSpeedup(annotationType)) {
        Site written = inSource ? new Site(recipe, mirror) : onPipeline;
        uses.add(
            new SpeedupUse(
                speedups.read(annotationType), annotations.read(mirror, written), origin));
      }
    }
    return uses;
  }

  private List<Requirement> provides(TypeElement task) {
    AnnotationMirror meta = Mirrors.find(task, Names.TASK).orElseThrow();
    AnnotationValue value = Mirrors.values(elements, meta).get("provides");
    List<Requirement> provided = new ArrayList<>();
    if (value != null) {
      Mirrors.list(value).forEach(v -> provided.add(Requirement.valueOf(Mirrors.enumName(v))));
    }
    return provided;
  }

  private List<Trait> traits(AnnotationMirror model) {
    Map<String, AnnotationValue> values = Mirrors.values(elements, model);
    List<Trait> traits = new ArrayList<>();
    if (values.get("traits") != null) {
      Mirrors.list(values.get("traits"))
          .forEach(v -> traits.add(Trait.valueOf(Mirrors.enumName(v))));
    }
    return traits;
  }

  private MemberMethod member(
      TypeElement pipeline, ExecutableElement method, Role role, AnnotationMirror mirror) {
    TypeMirror returned = method.getReturnType();
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    boolean inherited = !declaring.equals(pipeline);
    String declaringPackage = elements.getPackageOf(declaring).getQualifiedName().toString();
    boolean packageOnly =
        inherited
            && !method.getModifiers().contains(Modifier.PUBLIC)
            && !declaringPackage.equals(
                elements.getPackageOf(pipeline).getQualifiedName().toString());
    return new MemberMethod(
        method.getSimpleName().toString(),
        role,
        returned.toString(),
        fits(returned, role.requiredType()),
        method.getModifiers().contains(Modifier.PRIVATE),
        method.getModifiers().contains(Modifier.STATIC),
        Site.of(method),
        new Site(method, mirror),
        inherited ? declaring.getQualifiedName().toString() : null,
        packageOnly ? declaringPackage : null);
  }

  /** An unresolved type fits: javac already reports it, and one error is enough. */
  private boolean fits(TypeMirror returned, String required) {
    if (returned.getKind() == TypeKind.ERROR) {
      return true;
    }
    TypeElement requiredType = elements.getTypeElement(required);
    return requiredType != null
        && types.isAssignable(returned, types.erasure(requiredType.asType()));
  }

  private PipelineClass pipelineClass(TypeElement type) {
    boolean isPrivate = false;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      isPrivate |= e.getModifiers().contains(Modifier.PRIVATE);
    }
    NestingKind nesting = type.getNestingKind();
    boolean inner =
        nesting == NestingKind.LOCAL
            || nesting == NestingKind.ANONYMOUS
            || (nesting == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC));
    boolean noArg =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(
                c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    // A local class has no qualified name; its simple name is all a message can give.
    String name =
        type.getQualifiedName().length() > 0
            ? type.getQualifiedName().toString()
            : type.getSimpleName().toString();
    return new PipelineClass(
        name,
        elements.getPackageOf(type).getQualifiedName().toString(),
        type.getKind() == ElementKind.CLASS,
        isPrivate,
        type.getModifiers().contains(Modifier.ABSTRACT),
        inner,
        noArg,
        Site.of(type));
  }

  private static String roleAnnotation(Role role) {
    switch (role) {
      case MODEL:
        return Names.MODEL;
      case TRAIN:
        return Names.TRAIN_DATA;
      default:
        return Names.EVAL_DATA;
    }
  }
}
