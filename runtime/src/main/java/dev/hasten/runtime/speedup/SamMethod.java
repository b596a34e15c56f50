package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.StepRule;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Sam}: the sharpness-aware step of Foret et al. (2021), as Composer's SAMOptimizer. On a
 * Sam step, with {@code g} the gradient the loop just computed at the weights {@code w}:
 *
 * <pre>
 *   e  = ρ · g / (‖g‖ + ε)          ‖g‖ the global L2 norm over all parameters
 *   w' = w + e                      ascend to a nearby, worse point
 *   g' = ∇L(w') on the same batch   a second forward and backward
 *   w  ← w, then the optimizer steps from w with g'
 * </pre>
 *
 * Sam runs on the steps whose index is a multiple of {@code interval}; on the others this is the
 * plain optimizer step. Being a function of the step index, it needs no state to resume.
 *
 * <p>The second pass leaves no trace but its gradient: every parameter, BatchNorm's running
 * statistics included, is restored exactly from a copy (not by subtracting {@code e}, which
 * rounds), and the step keeps the first pass's logits and loss, so the logged training loss is the
 * loss at {@code w}.
 */
public final class SamMethod implements StepRule {
  private final double rho;
  private final double epsilon;
  private final int interval;

  /** From the pipeline's annotation. */
  public SamMethod(Sam config) {
    this(config.rho(), config.epsilon(), config.interval());
  }

  /**
   * @param rho the ascent's radius, above 0
   * @param epsilon added to the gradient norm, at least 0
   * @param interval Sam runs every this many steps, at least 1
   */
  public SamMethod(double rho, double epsilon, int interval) {
    if (!(rho > 0)) {
      throw new IllegalArgumentException("Sam rho must be above 0, got " + rho);
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("Sam epsilon must be at least 0, got " + epsilon);
    }
    if (interval < 1) {
      throw new IllegalArgumentException("Sam interval must be at least 1, got " + interval);
    }
    this.rho = rho;
    this.epsilon = epsilon;
    this.interval = interval;
  }

  public double rho() {
    return rho;
  }

  public int interval() {
    return interval;
  }

  /** Whether the step with this index takes a Sam step. */
  public boolean runsAt(long stepIndex) {
    return stepIndex % interval == 0;
  }

  @Override
  public void step(Run run, Step step) {
    if (runsAt(step.index())) {
      replaceGradientBySharpnessAware(run, step);
    }
    run.optimizerStep(step);
  }

  /**
   * Leaves in the parameters' gradients {@code ∇L(w + e)} instead of {@code ∇L(w)}, with the
   * weights as they were and the step's logits and loss those of the first pass.
   */
  void replaceGradientBySharpnessAware(Run run, Step step) {
    NDArray logits = step.logits();
    NDArray loss = step.loss();
    try {
      sharpnessAwareGradient(
          step.model(),
          step.manager(),
          () -> {
            try (GradientCollector gradients = run.newGradientCollector()) {
              run.forward(step);
              run.computeLoss(step);
              gradients.backward(step.loss());
            }
          });
    } finally {
      step.setLogits(logits);
      step.setLoss(loss);
    }
  }

  /**
   * The two passes around {@code secondPass}: ascends from {@code w} by {@code e} along the
   * gradients {@code model}'s parameters hold, zeroes them, runs {@code secondPass} (which must
   * leave {@code ∇L} at the weights it finds in the gradients), and restores every parameter
   * exactly. Temporaries live in a sub-manager of {@code parent}.
   */
  public void sharpnessAwareGradient(Block model, NDManager parent, Runnable secondPass) {
    try (NDManager scratch = parent.newSubManager()) {
      List<Gradients.Entry> entries = Gradients.of(model, scratch);
      if (entries.isEmpty()) {
        return;
      }
      List<Saved> saved = new ArrayList<>();
      for (Pair<String, Parameter> named : model.getParameters()) {
        NDArray weight = named.getValue().getArray();
        NDArray copy = weight.duplicate();
        copy.attach(scratch);
        saved.add(new Saved(weight, copy));
      }
      NDArray scale = Gradients.globalNorm(entries).addi(epsilon).pow(-1).muli(rho);
      for (Gradients.Entry e : entries) {
        NDArray ascent = e.gradient().mul(scale);
        e.weight().addi(ascent);
        Gradients.zero(e);
      }
      secondPass.run();
      for (Saved s : saved) {
        if (s.weight().getShape().dimension() > 0) {
          s.weight().set(new NDIndex(":"), s.copy());
        }
      }
    }
  }

  /** A weight and its value before the ascent. */
  private record Saved(NDArray weight, NDArray copy) {}
}
