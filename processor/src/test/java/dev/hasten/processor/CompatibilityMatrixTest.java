package dev.hasten.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.hasten.dsl.ConflictsWith;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every pair of catalog speedups on one pipeline that meets every requirement (all model traits,
 * the first task that provides what both need, a batch of 256), compiled by the real processor in
 * one javac run ({@code -proc:only}: the rules are under test, not the generated code). Exactly the
 * pairs that the speedups' own declarations forbid (a shared exclusive slot, the implicit {@code
 * optimizer-step} slot of STEP speedups, or a {@code @ConflictsWith} on either side) must be
 * rejected, each with a combination error and nothing else. A pair that no task serves (images for
 * one, token sequences for the other) never shares a pipeline and is not compiled.
 * docs/COMPATIBILITY.md shows this matrix as the compiler found it.
 */
class CompatibilityMatrixTest {
  private static final List<Class<? extends Annotation>> CATALOG = SpeedupCatalog.BUILT_IN;

  @Test
  void exactlyThePairsTheRulesForbidAreRejectedAndTheDocShowsThem() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < CATALOG.size(); i++) {
      for (int j = i + 1; j < CATALOG.size(); j++) {
        if (sharedTask(i, j) != null) {
          sources.add(JavaFileObjects.forSourceString("matrix." + name(i, j), pipeline(i, j)));
        }
      }
    }
    Compilation compilation =
        javac()
            .withProcessors(new PipelineProcessor())
            .withOptions("-proc:only", Compiling.LINT)
            .compile(sources);

    Map<String, String> rejected = new TreeMap<>();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(null);
      String file = error.getSource().getName();
      assertTrue(
          message.contains(" cannot be combined with "),
          "a pipeline that meets every requirement failed for another reason: "
              + file
              + ": "
              + message);
      String pair = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
      assertTrue(rejected.put(pair, message) == null, "two errors for " + pair);
    }
    assertEquals(List.of(), Compiling.messages(compilation, Diagnostic.Kind.WARNING));

    Set<String> forbidden = new HashSet<>();
    for (int i = 0; i < CATALOG.size(); i++) {
      for (int j = i + 1; j < CATALOG.size(); j++) {
        if (sharedTask(i, j) != null && forbidden(CATALOG.get(i), CATALOG.get(j))) {
          forbidden.add(name(i, j));
        }
      }
    }
    assertEquals(forbidden, rejected.keySet());

    CompatibilityDoc.check(CompatibilityDoc.PAIRS, render(rejected));
  }

  /** What the declarations say, independently of the processor: a shared slot or a conflict. */
  private static boolean forbidden(Class<? extends Annotation> a, Class<? extends Annotation> b) {
    Set<String> slots = slots(a);
    slots.retainAll(slots(b));
    return !slots.isEmpty() || conflicts(a, b) || conflicts(b, a);
  }

  private static Set<String> slots(Class<? extends Annotation> type) {
    Speedup s = type.getAnnotation(Speedup.class);
    Set<String> slots = new LinkedHashSet<>(Arrays.asList(s.exclusive()));
    if (Arrays.asList(s.stages()).contains(Stage.STEP)) {
      slots.add(SpeedupDeclaration.STEP_SLOT);
    }
    return slots;
  }

  private static boolean conflicts(
      Class<? extends Annotation> by, Class<? extends Annotation> with) {
    return Arrays.stream(by.getAnnotationsByType(ConflictsWith.class))
        .anyMatch(c -> c.value() == with);
  }

  private static String name(int i, int j) {
    return "P_" + CATALOG.get(i).getSimpleName() + "_" + CATALOG.get(j).getSimpleName();
  }

  /**
   * The first of {@link TaskCompatibilityTest}'s tasks that provides everything both speedups ask
   * of a task, or {@code null} if none does (images for one, token sequences for the other): such a
   * pair never shares a pipeline.
   */
  private static TaskCompatibilityTest.Column sharedTask(int i, int j) {
    Set<Requirement> needed = EnumSet.noneOf(Requirement.class);
    for (Class<? extends Annotation> speedup : List.of(CATALOG.get(i), CATALOG.get(j))) {
      for (Requirement r : speedup.getAnnotation(Speedup.class).requires()) {
        if (r.trait() == null && r != Requirement.GPU) {
          needed.add(r);
        }
      }
    }
    return TaskCompatibilityTest.TASKS.stream()
        .filter(column -> column.provides().containsAll(needed))
        .findFirst()
        .orElse(null);
  }

  private static String pipeline(int i, int j) {
    TaskCompatibilityTest.Column task = sharedTask(i, j);
    String traits =
        Arrays.stream(Trait.values())
            .map(t -> "Trait." + t.name())
            .collect(Collectors.joining(", "));
    return String.join(
        "\n",
        "package matrix;",
        "import ai.djl.nn.Block;",
        "import ai.djl.training.dataset.Dataset;",
        "import dev.hasten.dsl.*;",
        "import dev.hasten.dsl.speedup.*;",
        "import dev.hasten.runtime.data.Datasets;",
        "import dev.hasten.runtime.model.Models;",
        "@SuppressWarnings(\"hasten:cost\")",
        "@Pipeline(epochs = 2, batchSize = 256)",
        task.taskUsage(),
        usage(CATALOG.get(i)),
        usage(CATALOG.get(j)),
        "public class " + name(i, j) + " {",
        "  @Model(traits = {" + traits + "})",
        "  Block model(Models models) { return " + task.modelCall() + "; }",
        "  @TrainData Dataset train(Datasets data) { return " + task.trainData() + "; }",
        "}",
        "");
  }

  /**
   * The annotation with its defaults, and a value inside its {@code @Range} for each member that
   * has no default (GradientClipping's threshold, ScaleSchedule's ratio): nothing by name.
   */
  static String usage(Class<? extends Annotation> type) {
    List<String> values = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (m.getDefaultValue() == null) {
        Range range = m.getAnnotation(Range.class);
        double min = range == null || Double.isInfinite(range.min()) ? 0 : range.min();
        double max = range == null || Double.isInfinite(range.max()) ? min + 1 : range.max();
        double value = (min + max) / 2;
        values.add(
            m.getName()
                + " = "
                + (m.getReturnType() == int.class ? (int) Math.ceil(value) : value));
      }
    }
    return "@"
        + type.getSimpleName()
        + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")");
  }

  /** The matrix as Markdown: ✓ compiles, a number for a rejected pair (its reason below). */
  private static String render(Map<String, String> rejected) {
    StringBuilder doc = new StringBuilder();
    doc.append("Every pair of catalog speedups, on one pipeline that meets all their requirements")
        .append(" (`CompatibilityMatrixTest`). `ok`: the pair compiles; a number: the compiler")
        .append(" rejects it, for the reason of that number below. Requirements on the task and")
        .append(" the model are not part of this matrix (every pipeline here meets them); see the")
        .append(" table above.");
    boolean unshared = false;
    for (int i = 0; i < CATALOG.size(); i++) {
      for (int j = i + 1; j < CATALOG.size(); j++) {
        unshared |= sharedTask(i, j) == null;
      }
    }
    if (unshared) {
      doc.append(" `n/a`: no task provides what both need, so they never share a pipeline.");
    }
    doc.append("\n\n| | ");
    for (int j = 0; j < CATALOG.size(); j++) {
      doc.append(j + 1).append(" | ");
    }
    doc.append("\n|---|");
    doc.append("---|".repeat(CATALOG.size())).append('\n');
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < CATALOG.size(); i++) {
      doc.append("| ")
          .append(i + 1)
          .append(". @")
          .append(CATALOG.get(i).getSimpleName())
          .append(" | ");
      for (int j = 0; j < CATALOG.size(); j++) {
        if (i == j) {
          doc.append("- | ");
          continue;
        }
        String message = rejected.get(i < j ? name(i, j) : name(j, i));
        if (sharedTask(Math.min(i, j), Math.max(i, j)) == null) {
          doc.append("n/a | ");
        } else if (message == null) {
          doc.append("ok | ");
        } else {
          if (!reasons.contains(message)) {
            reasons.add(message);
          }
          doc.append(reasons.indexOf(message) + 1).append(" | ");
        }
      }
      doc.append('\n');
    }
    doc.append("\nReasons, as the compiler reports them on the later annotation:\n\n");
    for (int k = 0; k < reasons.size(); k++) {
      doc.append(k + 1).append(". ").append(reasons.get(k)).append('\n');
    }
    return doc.toString();
  }
}
