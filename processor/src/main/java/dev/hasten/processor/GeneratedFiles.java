package dev.hasten.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.annotation.processing.Filer;

/** What every generated file shares: the {@code @Generated} mark and how it is written. */
final class GeneratedFiles {
  private GeneratedFiles() {}

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(RuntimeTypes.GENERATED)
        .addMember("value", "$S", PipelineProcessor.class.getName())
        .build();
  }

  static void write(Filer filer, String packageName, TypeSpec type) {
    try {
      JavaFile.builder(packageName, type).skipJavaLangImports(true).build().writeTo(filer);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + packageName + "." + type.name(), e);
    }
  }
}
