package dev.hasten.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Task;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every catalog speedup alone on a pipeline of each task, with the catalog's model for that task
 * declaring the traits {@link ModelTraits} finds in it, compiled by the real processor in one javac
 * run ({@code -proc:only}). The verdict is computed here from the declarations alone: the speedup's
 * {@code @Speedup(requires, requiresAnyOf)} against the task's {@code @Task(provides)} and the
 * model's traits, GPU being left to run time. The compiler must reject exactly the pipelines whose
 * verdict is no, naming what is lacking; docs/COMPATIBILITY.md shows the verdicts.
 */
class TaskCompatibilityTest {
  private static final List<Class<? extends Annotation>> CATALOG = SpeedupCatalog.BUILT_IN;
  private static final Models MODELS = new Models();

  /** A task, as a pipeline writes it, with the catalog model and the data that suit it. */
  record Column(
      Class<? extends Annotation> task,
      String taskUsage,
      String modelCall,
      Block model,
      String trainData) {
    Set<Requirement> provides() {
      Requirement[] provided = task.getAnnotation(Task.class).provides();
      return provided.length == 0
          ? EnumSet.noneOf(Requirement.class)
          : EnumSet.copyOf(Arrays.asList(provided));
    }

    Set<Trait> traits() {
      return ModelTraits.of(model);
    }

    String heading() {
      return "@" + task.getSimpleName() + ", `" + modelCall + "`";
    }
  }

  static final List<Column> TASKS =
      List.of(
          new Column(
              ImageClassification.class,
              "@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)",
              "models.resNet(ResNetSize.TINY, 10)",
              MODELS.resNet(ResNetSize.TINY, 10),
              "data.fashionMnist(Split.TRAIN)"),
          new Column(
              LanguageModeling.class,
              "@LanguageModeling(sequenceLength = 128)",
              "models.gpt(GptSize.TOY, 256, 128)",
              MODELS.gpt(GptSize.TOY, 256, 128),
              "Datasets.kjv(Split.TRAIN)"));

  @Test
  void exactlyThePipelinesLackingARequirementAreRejectedAndTheDocShowsThem() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int t = 0; t < TASKS.size(); t++) {
      for (int s = 0; s < CATALOG.size(); s++) {
        sources.add(JavaFileObjects.forSourceString("tasks." + name(t, s), pipeline(t, s)));
      }
    }
    Compilation compilation =
        javac()
            .withProcessors(new PipelineProcessor())
            .withOptions("-proc:only", Compiling.LINT)
            .compile(sources);
    assertEquals(List.of(), Compiling.messages(compilation, Diagnostic.Kind.WARNING));

    TreeMap<String, List<String>> errors = new TreeMap<>();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String file = error.getSource().getName();
      String pipeline = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
      errors.computeIfAbsent(pipeline, k -> new ArrayList<>()).add(error.getMessage(null));
    }
    for (int t = 0; t < TASKS.size(); t++) {
      for (int s = 0; s < CATALOG.size(); s++) {
        List<List<Requirement>> lacking = lacking(CATALOG.get(s), TASKS.get(t));
        List<String> reported = errors.getOrDefault(name(t, s), List.of());
        assertEquals(lacking.isEmpty(), reported.isEmpty(), name(t, s) + ": " + reported);
        for (List<Requirement> group : reportedGroups(lacking)) {
          assertTrue(
              reported.stream().anyMatch(m -> m.contains(names(group))),
              name(t, s) + " does not say it lacks " + names(group) + ": " + reported);
        }
      }
    }

    CompatibilityDoc.check(CompatibilityDoc.TASKS, render());
  }

  /**
   * What {@code speedup} needs that the task and model do not give: each unmet {@code requires}
   * alone, then the {@code requiresAnyOf} options together if none is met. Empty if it applies.
   */
  private static List<List<Requirement>> lacking(
      Class<? extends Annotation> speedup, Column column) {
    Speedup declaration = speedup.getAnnotation(Speedup.class);
    Set<Requirement> met = column.provides();
    for (Requirement requirement : Requirement.values()) {
      if (requirement.trait() != null && column.traits().contains(requirement.trait())) {
        met.add(requirement);
      }
    }
    List<List<Requirement>> lacking = new ArrayList<>();
    for (Requirement required : declaration.requires()) {
      if (required != Requirement.GPU && !met.contains(required)) {
        lacking.add(List.of(required));
      }
    }
    List<Requirement> anyOf =
        Arrays.stream(declaration.requiresAnyOf()).filter(r -> r != Requirement.GPU).toList();
    if (!anyOf.isEmpty() && anyOf.stream().noneMatch(met::contains)) {
      lacking.add(anyOf);
    }
    return lacking;
  }

  /**
   * The groups the compiler names: what the task lacks if anything, since no model would make up
   * for it; otherwise what the model lacks.
   */
  private static List<List<Requirement>> reportedGroups(List<List<Requirement>> lacking) {
    List<List<Requirement>> byTask =
        lacking.stream().filter(g -> g.get(0).trait() == null).toList();
    return byTask.isEmpty() ? lacking : byTask;
  }

  private static String names(List<Requirement> group) {
    return group.stream().map(Enum::name).collect(Collectors.joining(" or "));
  }

  private static String name(int t, int s) {
    return "T_" + TASKS.get(t).task().getSimpleName() + "_" + CATALOG.get(s).getSimpleName();
  }

  private static String pipeline(int t, int s) {
    Column column = TASKS.get(t);
    String traits =
        column.traits().stream().map(tr -> "Trait." + tr.name()).collect(Collectors.joining(", "));
    return String.join(
        "\n",
        "package tasks;",
        "import ai.djl.nn.Block;",
        "import ai.djl.training.dataset.Dataset;",
        "import dev.hasten.dsl.*;",
        "import dev.hasten.dsl.speedup.*;",
        "import dev.hasten.runtime.data.Datasets;",
        "import dev.hasten.runtime.model.Models;",
        "@SuppressWarnings(\"hasten:cost\")",
        "@Pipeline(epochs = 2, batchSize = 256)",
        column.taskUsage(),
        CompatibilityMatrixTest.usage(CATALOG.get(s)),
        "public class " + name(t, s) + " {",
        "  @Model(traits = {" + traits + "})",
        "  Block model(Models models) { return " + column.modelCall() + "; }",
        "  @TrainData Dataset train(Datasets data) { return " + column.trainData() + "; }",
        "}",
        "");
  }

  /** The tasks and their models, then one row per speedup: yes, or no and what is lacking. */
  private static String render() {
    StringBuilder doc = new StringBuilder();
    doc.append("Each catalog speedup alone on a pipeline of each task, with the catalog's model")
        .append(" for that task (`TaskCompatibilityTest`). A speedup's requirements are met by")
        .append(" what the task provides and by the traits the model declares in")
        .append(" `@Model(traits)`; another model meets the ones its own traits name.\n\n");
    doc.append("| Task | Provides | Model | Its traits |\n|---|---|---|---|\n");
    for (Column column : TASKS) {
      doc.append("| @")
          .append(column.task().getSimpleName())
          .append(" | ")
          .append(joined(column.provides()))
          .append(" | `")
          .append(column.modelCall())
          .append("` | ")
          .append(joined(column.traits()))
          .append(" |\n");
    }
    doc.append("\n`yes`: the pipeline compiles; `no`: the compiler rejects it, for want of what")
        .append(" follows.\n\n| Speedup |");
    TASKS.forEach(column -> doc.append(' ').append(column.heading()).append(" |"));
    doc.append("\n|---|").append("---|".repeat(TASKS.size())).append('\n');
    for (Class<? extends Annotation> speedup : CATALOG) {
      doc.append("| @").append(speedup.getSimpleName()).append(" |");
      for (Column column : TASKS) {
        doc.append(' ').append(verdict(speedup, lacking(speedup, column))).append(" |");
      }
      doc.append('\n');
    }
    return doc.toString();
  }

  private static String verdict(
      Class<? extends Annotation> speedup, List<List<Requirement>> lacking) {
    if (lacking.isEmpty()) {
      boolean gpu =
          Arrays.asList(speedup.getAnnotation(Speedup.class).requires()).contains(Requirement.GPU);
      return gpu ? "yes, on a GPU (checked when the run starts)" : "yes";
    }
    List<String> needs = new ArrayList<>();
    for (List<Requirement> group : lacking) {
      needs.add(
          group.get(0).trait() == null
              ? group.stream().map(Requirement::describe).collect(Collectors.joining(" or "))
              : "a model with " + names(group));
    }
    return "no: needs " + String.join(", and ", needs);
  }

  private static String joined(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).collect(Collectors.joining(", "));
  }
}
