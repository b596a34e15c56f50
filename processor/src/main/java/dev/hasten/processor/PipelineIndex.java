package dev.hasten.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Collects the compilation's pipelines and writes them, once, to {@value #RESOURCE}: one binary
 * class name per line (ready for {@code Class.forName}), so the command line can find a pipeline by
 * its simple name.
 */
final class PipelineIndex {
  static final String RESOURCE = "META-INF/hasten/pipelines";

  private final List<TypeElement> pipelines = new ArrayList<>();

  void add(TypeElement pipeline) {
    pipelines.add(pipeline);
  }

  void write(Filer filer, Elements elements) {
    if (pipelines.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (TypeElement pipeline : pipelines) {
      lines.append(elements.getBinaryName(pipeline)).append('\n');
    }
    try {
      FileObject file =
          filer.createResource(
              StandardLocation.CLASS_OUTPUT, "", RESOURCE, pipelines.toArray(new TypeElement[0]));
      try (Writer out =
          new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        out.write(lines.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + RESOURCE, e);
    }
  }
}
