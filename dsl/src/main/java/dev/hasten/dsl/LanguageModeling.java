package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The task: predict each next token of windows of {@code sequenceLength} tokens drawn from a text,
 * a token being one of {@code vocabulary} (256 for the built-in byte tokens).
 *
 * <p>It provides {@link Requirement#SEQUENCES} and {@link Requirement#CLASSIFICATION} (the target
 * at each position is a class, the next token), and not {@link Requirement#IMAGES} or {@link
 * Requirement#EXAMPLES}: training windows are drawn at random from the seed and the step, so there
 * is no fixed set of examples to score, prune or mix as images are.
 */
@Documented
@Task(provides = {Requirement.SEQUENCES, Requirement.CLASSIFICATION})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageModeling {
  /** Tokens per training window, and the longest context the model is evaluated on. */
  @Range(min = 1)
  int sequenceLength();

  /**
   * The model's vocabulary: 256 for byte tokens; otherwise at least the tokenizer's vocabulary
   * (spare ids, rounding it up for faster matrices, never occur in the data; a run whose tokenizer
   * has more ids is refused at its start).
   */
  @Range(min = 2)
  int vocabulary() default 256;
}
