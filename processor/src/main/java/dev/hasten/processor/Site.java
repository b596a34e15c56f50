package dev.hasten.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * The processor's source handle in the rule model: an element, and the annotation on it when the
 * model object is an annotation. A problem naming a member is reported on that member's value when
 * the author wrote it, otherwise on the annotation.
 *
 * @param element where javac should point
 * @param annotation the annotation on {@code element}, or {@code null} for the element itself
 */
record Site(Element element, AnnotationMirror annotation) {
  static Site of(Element element) {
    return new Site(element, null);
  }
}
