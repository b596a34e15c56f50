package dev.hasten.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Muon (momentum orthogonalised by Newton–Schulz, Keller Jordan's optimizer) for the model's hidden
 * matrices, and AdamW for every other parameter. A hidden matrix is a two-dimensional parameter of
 * any layer but the model's first and last that hold parameters: the input embedding, the output
 * layer (a tied output matrix is the input embedding), gains, biases and convolution filters go to
 * AdamW, with the {@code adam…} values.
 *
 * <p>Each hidden matrix takes a momentum step {@code B ← momentum·B + G}, then the direction {@code
 * G + momentum·B} (Nesterov) or {@code B}, orthogonalised by {@code nsSteps} Newton–Schulz
 * iterations, scaled by {@code √max(1, rows/cols)}, and {@code W ← (1 − lr·wd)·W − lr·update}. The
 * schedule scales both learning rates by the same factor. Defaults are Keller Jordan's: lr 0.02,
 * momentum 0.95, Nesterov, 5 iterations, no weight decay; AdamW lr 3e-4, betas (0.9, 0.95), no
 * weight decay. Decay the weights with {@code weightDecay} and {@code adamWeightDecay} rather than
 * {@code @DecoupledWeightDecay}, which would decay every parameter at Muon's rate.
 */
@Documented
@Optimizer(implementedBy = "dev.hasten.runtime.optim.MuonOptimizer")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Muon {
  /** Learning rate of the hidden matrices, in units of spectral norm per update. */
  @Range(min = 0, minInclusive = false)
  double lr() default 0.02;

  @Range(min = 0, max = 1, maxInclusive = false)
  double momentum() default 0.95;

  /** Whether the orthogonalised direction is {@code G + momentum·B} rather than {@code B}. */
  boolean nesterov() default true;

  /** Newton–Schulz iterations per update. */
  @Range(min = 1, max = 20)
  int nsSteps() default 5;

  /** Decoupled weight decay of the hidden matrices: {@code W ← (1 − lr·wd)·W}. */
  @Range(min = 0)
  double weightDecay() default 0;

  /** AdamW's learning rate, for the parameters that are not hidden matrices. */
  @Range(min = 0, minInclusive = false)
  double adamLr() default 3e-4;

  @Range(min = 0, max = 1, maxInclusive = false)
  double adamBeta1() default 0.9;

  @Range(min = 0, max = 1, maxInclusive = false)
  double adamBeta2() default 0.95;

  /** AdamW's decoupled weight decay. */
  @Range(min = 0)
  double adamWeightDecay() default 0;
}
