package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that builds the model, an {@code ai.djl.nn.Block}. Its parameters are injected.
 * {@code traits} declares what the model contains; the processor trusts the declaration for its
 * rules and the runtime checks it against the real Block.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Model {
  Trait[] traits() default {};
}
