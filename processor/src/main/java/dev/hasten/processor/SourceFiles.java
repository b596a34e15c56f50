package dev.hasten.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Tells whether an element is being compiled now (it has source) or comes from a class file. A
 * diagnostic on a class-file element has no line, so such faults are reported where the pipeline
 * uses the element instead.
 */
final class SourceFiles {
  private final Trees trees;

  SourceFiles(ProcessingEnvironment env) {
    Trees found;
    try {
      found = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      found = null; // another compiler: assume source, the diagnostic then just has no line
    }
    this.trees = found;
  }

  boolean isBeingCompiled(Element element) {
    return trees == null || trees.getPath(element) != null;
  }
}
