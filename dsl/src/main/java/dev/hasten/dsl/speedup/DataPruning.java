package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Data pruning by EL2N score (Paul et al. 2021): before the run, the model trains for {@code
 * scoringEpochs} epochs on the whole training split (plain SGD, momentum 0.9, learning rate {@code
 * scoringLr}), every example is scored by {@code ‖softmax(f(x)) − onehot(y)‖₂}, the model goes back
 * to its initial weights, and the run trains on the {@code keepFraction} of the examples with the
 * highest scores. Epochs get shorter by the same fraction, and so does the scheduled run.
 *
 * <p>Composer has no such method; the defaults are Hasten's. Paul et al. kept CIFAR-10's accuracy
 * while pruning half of it, scoring with models averaged over ten initialisations; one short
 * warm-up is noisier, so the default keeps 70%. The catalog's caution stands: pruning metrics that
 * work on small data sets often fail on large ones (Sorscher et al. 2022).
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.DataPruningMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.CLASSIFICATION, Requirement.EXAMPLES},
    stages = {Stage.FIT_START},
    summary = "Scores examples by EL2N after a short warm-up and trains on the hardest fraction.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DataPruning {
  /** Fraction of the training examples kept; 1 would keep everything. */
  @Range(min = 0, max = 1, minInclusive = false, maxInclusive = false)
  double keepFraction() default 0.7;

  /** Epochs of warm-up training over the whole split before scoring. */
  @Range(min = 1)
  int scoringEpochs() default 1;

  /** Learning rate of the warm-up's SGD. */
  @Range(min = 0, minInclusive = false)
  double scoringLr() default 0.05;
}
