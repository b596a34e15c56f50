package dev.hasten.dsl.rules;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds rule models the way the processor would read them from source, with plain strings as
 * source handles ("pipeline", "@MixUp", "model()"...), so tests can say where a problem lands.
 */
final class TestPipelines {
  static final Bounds UNIT_OPEN_TOP = new Bounds(0, 1, true, false);
  static final Bounds UNIT = new Bounds(0, 1, true, true);
  static final Bounds AT_LEAST_ONE = new Bounds(1, Double.POSITIVE_INFINITY, true, true);
  static final Bounds POSITIVE = new Bounds(0, Double.POSITIVE_INFINITY, false, true);

  private TestPipelines() {}

  /** A member value written by the author. */
  static MemberValue written(String name, Object value, Bounds bounds) {
    return new MemberValue(name, value, true, bounds);
  }

  /** A member value taken from the default. */
  static MemberValue byDefault(String name, Object value, Bounds bounds) {
    return new MemberValue(name, value, false, bounds);
  }

  static AnnotationUse annotation(String simpleName, Object source, MemberValue... values) {
    return new AnnotationUse("dev.hasten.dsl." + simpleName, List.of(values), source);
  }

  /**
   * An optimizer or schedule annotation {@code @simpleName}, implemented by a sound runtime class
   * {@code runtime.<simpleName>Impl}.
   */
  static RunPartUse runPart(RunPart part, String simpleName) {
    return runPart(
        part,
        simpleName,
        new Implementation(
            "runtime." + simpleName + "Impl", true, Set.of(part.interfaceName()), true, false));
  }

  /** An optimizer or schedule annotation {@code @simpleName} implemented by {@code impl}. */
  static RunPartUse runPart(RunPart part, String simpleName, Implementation impl) {
    RunPartDeclaration declaration =
        new RunPartDeclaration(
            "dev.hasten.dsl." + simpleName,
            part,
            impl == null ? "runtime.Missing" : impl.qualifiedName(),
            impl,
            true,
            null);
    return new RunPartUse(declaration, annotation(simpleName, "@" + simpleName));
  }

  /** A speedup declaration as {@code @Speedup} would give it; adjust with the with-methods. */
  static Declaration speedup(String simpleName) {
    return new Declaration(simpleName);
  }

  /**
   * A valid pipeline: @Pipeline(epochs = 6, batchSize = 256), @ImageClassification, model, train.
   */
  static Builder pipeline() {
    return new Builder();
  }

  /** A mutable {@link SpeedupDeclaration} for tests. */
  static final class Declaration {
    private final String simpleName;
    private Effect effect = Effect.FEWER_STEPS;
    private List<Requirement> requires = List.of();
    private List<Requirement> requiresAnyOf = List.of();
    private List<String> exclusive = List.of();
    private List<Stage> stages = List.of(Stage.BATCH);
    private String cost = "";
    private final List<SpeedupDeclaration.Conflict> conflicts = new ArrayList<>();
    private final List<SpeedupDeclaration.SumCheck> sums = new ArrayList<>();
    private final List<SpeedupDeclaration.OrderCheck> orders = new ArrayList<>();
    private final List<String> divides = new ArrayList<>();
    private Implementation implementation;
    private boolean retained = true;
    private Object source;

    private Declaration(String simpleName) {
      this.simpleName = simpleName;
      this.implementation = implementingAll(simpleName + "Method");
    }

    Declaration effect(Effect value) {
      effect = value;
      return this;
    }

    Declaration requires(Requirement... value) {
      requires = List.of(value);
      return this;
    }

    Declaration requiresAnyOf(Requirement... value) {
      requiresAnyOf = List.of(value);
      return this;
    }

    Declaration exclusive(String... value) {
      exclusive = List.of(value);
      return this;
    }

    Declaration stages(Stage... value) {
      stages = List.of(value);
      return this;
    }

    Declaration cost(String value) {
      cost = value;
      return this;
    }

    Declaration conflictsWith(String otherSimpleName, String reason) {
      conflicts.add(new SpeedupDeclaration.Conflict("dev.hasten.dsl." + otherSimpleName, reason));
      return this;
    }

    Declaration sumAtMost(double max, String... members) {
      sums.add(new SpeedupDeclaration.SumCheck(List.of(members), max));
      return this;
    }

    Declaration lessThan(String lower, String upper) {
      orders.add(new SpeedupDeclaration.OrderCheck(lower, upper));
      return this;
    }

    Declaration dividesBatchSize(String member) {
      divides.add(member);
      return this;
    }

    Declaration implementation(Implementation value) {
      implementation = value;
      return this;
    }

    Declaration retained(boolean value) {
      retained = value;
      return this;
    }

    Declaration source(Object value) {
      source = value;
      return this;
    }

    SpeedupDeclaration build() {
      return new SpeedupDeclaration(
          "dev.hasten.dsl." + simpleName,
          "dev.hasten.test." + simpleName + "Method",
          implementation,
          Component.DATA,
          effect,
          requires,
          requiresAnyOf,
          exclusive,
          stages,
          cost,
          conflicts,
          sums,
          orders,
          divides,
          retained,
          source);
    }

    /** The speedup written on the pipeline, its source handle "@Name". */
    SpeedupUse use(MemberValue... values) {
      return new SpeedupUse(build(), annotation(simpleName, "@" + simpleName, values), null);
    }

    /** The speedup carried by {@code recipe}; values written on the recipe type. */
    SpeedupUse fromRecipe(String recipe, MemberValue... values) {
      return new SpeedupUse(
          build(),
          annotation(simpleName, "@" + recipe + ":@" + simpleName, values),
          new RecipeOrigin("dev.hasten.test." + recipe, "@" + recipe));
    }
  }

  /** A class implementing every stage interface, with both kinds of constructor. */
  static Implementation implementingAll(String name) {
    List<String> interfaces = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      interfaces.add(stage.interfaceName());
    }
    interfaces.add("java.lang.Object");
    return new Implementation(
        "dev.hasten.test." + name, true, java.util.Set.copyOf(interfaces), true, true);
  }

  /** A mutable {@link PipelineModel} for tests. */
  static final class Builder {
    PipelineClass type =
        new PipelineClass("p.Foo", "p", true, false, false, false, true, "class Foo");
    int epochs = 6;
    int batchSize = 256;
    final List<TaskUse> tasks =
        new ArrayList<>(List.of(imageClassification("@ImageClassification")));
    final List<RunPartUse> optimizers = new ArrayList<>();
    final List<RunPartUse> schedules = new ArrayList<>();
    final List<MemberMethod> methods =
        new ArrayList<>(
            List.of(method("model", Role.MODEL, true), method("train", Role.TRAIN, true)));
    final List<Trait> traits = new ArrayList<>();
    final List<SpeedupUse> speedups = new ArrayList<>();

    Builder type(PipelineClass value) {
      type = value;
      return this;
    }

    Builder epochs(int value) {
      epochs = value;
      return this;
    }

    Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    Builder traits(Trait... value) {
      traits.addAll(List.of(value));
      return this;
    }

    Builder withOptimizer(RunPartUse use) {
      optimizers.add(use);
      return this;
    }

    Builder withSchedule(RunPartUse use) {
      schedules.add(use);
      return this;
    }

    Builder with(SpeedupUse... uses) {
      speedups.addAll(List.of(uses));
      return this;
    }

    PipelineModel build() {
      AnnotationUse pipeline =
          annotation(
              "Pipeline",
              "@Pipeline",
              written("epochs", epochs, AT_LEAST_ONE),
              written("batchSize", batchSize, AT_LEAST_ONE),
              byDefault("seed", 42L, null));
      return new PipelineModel(
          type, pipeline, tasks, optimizers, schedules, methods, traits, speedups);
    }
  }

  static TaskUse imageClassification(Object source) {
    return new TaskUse(
        annotation(
            "ImageClassification",
            source,
            written("channels", 1, AT_LEAST_ONE),
            written("height", 28, AT_LEAST_ONE),
            written("width", 28, AT_LEAST_ONE),
            written("classes", 10, new Bounds(2, Double.POSITIVE_INFINITY, true, true))),
        List.of(Requirement.IMAGES, Requirement.CLASSIFICATION));
  }

  /** A well-formed member method; its source is "name()" and its annotation's "@Role name". */
  static MemberMethod method(String name, Role role, boolean fits) {
    return new MemberMethod(
        name,
        role,
        fits ? role.requiredType() : "java.lang.String",
        fits,
        false,
        false,
        name + "()",
        "@" + role.annotation() + " " + name);
  }
}
