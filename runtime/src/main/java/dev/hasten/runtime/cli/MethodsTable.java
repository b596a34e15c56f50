package dev.hasten.runtime.cli;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.speedup.CutMix;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The speedup catalog as a table: the built-in methods plus every user-defined speedup that a
 * pipeline on the class path uses (directly or through a recipe). Everything shown is read
 * from the annotations' own {@link Speedup} declarations, so the table cannot drift from them.
 */
final class MethodsTable {
  /** The built-in speedups, in catalog order. */
  static final List<Class<? extends Annotation>> BUILT_IN =
      List.of(LabelSmoothing.class, ProgressiveResizing.class, Ema.class, MixUp.class, CutMix.class);

  private MethodsTable() {}

  static List<Class<? extends Annotation>> speedups(PipelineCatalog pipelines, ClassLoader loader) {
    Set<Class<? extends Annotation>> all = new LinkedHashSet<>(BUILT_IN);
    for (String name : pipelines.names()) {
      try {
        collect(Class.forName(name, false, loader).getAnnotations(), all);
      } catch (ClassNotFoundException e) {
        // A stale entry in a pipeline list: the table shows what does exist.
      }
    }
    return new ArrayList<>(all);
  }

  private static void collect(Annotation[] annotations, Set<Class<? extends Annotation>> into) {
    for (Annotation a : annotations) {
      Class<? extends Annotation> type = a.annotationType();
      if (type.isAnnotationPresent(Speedup.class)) {
        into.add(type);
      } else if (type.isAnnotationPresent(Recipe.class)) {
        collect(type.getAnnotations(), into);
      }
    }
  }

  static String render(List<Class<? extends Annotation>> speedups) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "COMPONENT", "EFFECT", "NEEDS", "SLOTS", "DESCRIPTION"});
    for (Class<? extends Annotation> type : speedups) {
      Speedup s = type.getAnnotation(Speedup.class);
      rows.add(
          new String[] {
            "@" + type.getSimpleName(),
            s.component().name(),
            s.effect().name(),
            list(Arrays.stream(s.requires()).map(Enum::name).collect(Collectors.toList())),
            list(Arrays.asList(s.exclusive())),
            s.summary()
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
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
