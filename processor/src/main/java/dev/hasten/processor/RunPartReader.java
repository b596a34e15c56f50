package dev.hasten.processor;

import dev.hasten.dsl.rules.RunPart;
import dev.hasten.dsl.rules.RunPartDeclaration;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads what an optimizer or schedule annotation type declares ({@code @Optimizer} or
 * {@code @Schedule}: its {@code implementedBy}, and its retention) and what its runtime class
 * offers, into a {@link RunPartDeclaration}. Each type is read once per compilation. Its runtime
 * class's constructor takes the annotation and nothing else (or nothing at all).
 */
final class RunPartReader {
  private final Elements elements;
  private final SourceFiles sources;
  private final ImplementationReader implementations;
  private final Map<String, RunPartDeclaration> read = new HashMap<>();

  RunPartReader(Elements elements, SourceFiles sources, ImplementationReader implementations) {
    this.elements = elements;
    this.sources = sources;
    this.implementations = implementations;
  }

  /** The run part {@code annotationType} declares, if it is an optimizer or schedule type. */
  static Optional<RunPart> partOf(TypeElement annotationType) {
    for (RunPart part : RunPart.values()) {
      if (Mirrors.has(annotationType, part.metaAnnotation())) {
        return Optional.of(part);
      }
    }
    return Optional.empty();
  }

  RunPartDeclaration read(TypeElement annotationType) {
    return read.computeIfAbsent(
        annotationType.getQualifiedName().toString(), name -> readNew(annotationType));
  }

  private RunPartDeclaration readNew(TypeElement type) {
    RunPart part = partOf(type).orElseThrow();
    AnnotationMirror meta = Mirrors.find(type, part.metaAnnotation()).orElseThrow();
    AnnotationValue value = Mirrors.values(elements, meta).get("implementedBy");
    // A missing implementedBy is javac's error; an empty name then names no class.
    String implementedBy = value == null ? "" : (String) value.getValue();
    Retention retention = type.getAnnotation(Retention.class);
    return new RunPartDeclaration(
        type.getQualifiedName().toString(),
        part,
        implementedBy,
        implementations.read(implementedBy, type, Set.of()),
        retention != null && retention.value() == RetentionPolicy.RUNTIME,
        sources.isBeingCompiled(type) ? new Site(type, meta) : null);
  }
}
