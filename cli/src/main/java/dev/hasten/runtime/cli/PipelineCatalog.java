package dev.hasten.runtime.cli;

import dev.hasten.runtime.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pipelines on the class path, as the processor listed them in {@code
 * META-INF/hasten/pipelines}; resolves the name a user types.
 */
public final class PipelineCatalog {
  static final String RESOURCE = "META-INF/hasten/pipelines";

  private final List<String> names;

  private PipelineCatalog(List<String> names) {
    this.names = names;
  }

  /** Every pipeline listed by every jar and folder on the class path. */
  public static PipelineCatalog load(ClassLoader loader) {
    TreeSet<String> found = new TreeSet<>();
    try {
      Enumeration<URL> lists = loader.getResources(RESOURCE);
      while (lists.hasMoreElements()) {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
          in.lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .forEach(found::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new PipelineCatalog(new ArrayList<>(found));
  }

  /** Qualified names of all pipelines found. */
  public List<String> names() {
    return names;
  }

  /** The pipeline class for a fully qualified or simple name. */
  public Class<?> resolve(String name, ClassLoader loader) {
    List<String> matches =
        names.stream()
            .filter(n -> n.equals(name) || simpleName(n).equals(name))
            .collect(Collectors.toList());
    if (matches.isEmpty() && name.contains(".")) {
      matches = List.of(name);
    }
    if (matches.isEmpty()) {
      throw new InvalidInputException(
          "unknown pipeline '" + name + "'; known pipelines: " + simpleNames());
    }
    if (matches.size() > 1) {
      throw new InvalidInputException(
          "pipeline name '" + name + "' is ambiguous: " + matches + "; give the full name");
    }
    try {
      return Class.forName(matches.get(0), false, loader);
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException(
          "unknown pipeline '" + name + "': no class " + matches.get(0) + " on the class path");
    }
  }

  /**
   * The name after the package and any enclosing class: nested pipelines are listed as binary
   * names.
   */
  private static String simpleName(String qualified) {
    return qualified.substring(
        Math.max(qualified.lastIndexOf('.'), qualified.lastIndexOf('$')) + 1);
  }

  private String simpleNames() {
    return names.stream().map(PipelineCatalog::simpleName).collect(Collectors.joining(", "));
  }
}
