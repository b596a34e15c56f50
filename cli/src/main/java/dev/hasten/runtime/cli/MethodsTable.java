package dev.hasten.runtime.cli;

import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The speedup catalog as a table: the built-in methods plus every user-defined speedup that a
 * pipeline on the class path uses (directly or through a recipe). Everything shown is read from the
 * annotations' own {@link Speedup} declarations, so the table cannot drift from them;
 * docs/METHODS.md is generated from the same rows ({@code MethodsDoc} in the samples).
 */
public final class MethodsTable {
  /** The table's columns. */
  public static final List<String> COLUMNS =
      List.of("NAME", "COMPONENT", "EFFECT", "NEEDS", "SLOTS", "DESCRIPTION");

  private MethodsTable() {}

  static List<Class<? extends Annotation>> speedups(PipelineCatalog pipelines, ClassLoader loader) {
    Set<Class<? extends Annotation>> all = new LinkedHashSet<>(SpeedupCatalog.BUILT_IN);
    for (String name : pipelines.names()) {
      try {
        all.addAll(PipelineSpeedups.of(Class.forName(name, false, loader)).types());
      } catch (ClassNotFoundException e) {
        // A stale entry in a pipeline list: the table shows what does exist.
      }
    }
    return new ArrayList<>(all);
  }

  /**
   * One speedup's row, in {@link #COLUMNS} order. NEEDS lists what it requires; alternatives of
   * which one is enough are joined by {@code |} ({@code CONV2D|MAX_POOL}).
   */
  public static List<String> row(Class<? extends Annotation> type) {
    Speedup s = type.getAnnotation(Speedup.class);
    List<String> needs = new ArrayList<>();
    Arrays.stream(s.requires()).map(Enum::name).forEach(needs::add);
    if (s.requiresAnyOf().length > 0) {
      needs.add(
          Arrays.stream(s.requiresAnyOf()).map(Requirement::name).collect(Collectors.joining("|")));
    }
    return List.of(
        "@" + type.getSimpleName(),
        s.component().name(),
        s.effect().name(),
        list(needs),
        list(slots(s)),
        s.summary());
  }

  /**
   * The slots a speedup claims: those it declares, and {@code optimizer-step} for one that acts at
   * {@code STEP}, as the rules count it ({@link SpeedupDeclaration#slots()}).
   */
  private static List<String> slots(Speedup s) {
    Set<String> slots = new LinkedHashSet<>(Arrays.asList(s.exclusive()));
    if (Arrays.asList(s.stages()).contains(Stage.STEP)) {
      slots.add(SpeedupDeclaration.STEP_SLOT);
    }
    return new ArrayList<>(slots);
  }

  static String render(List<Class<? extends Annotation>> speedups) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    speedups.forEach(type -> rows.add(row(type)));
    int[] widths = new int[COLUMNS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() - 1; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        out.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "-" : String.join(",", items);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
