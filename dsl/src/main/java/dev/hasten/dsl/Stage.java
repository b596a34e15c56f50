package dev.hasten.dsl;

/**
 * Where a speedup acts in the generated loop, in loop order. Each stage has one small runtime
 * interface that a speedup's class must implement to act there.
 */
public enum Stage {
  /** Once per run, before initialisation: rewrites the Block tree. */
  MODEL_SURGERY("dev.hasten.runtime.loop.stage.ModelSurgery"),
  /** Once per run, before the first step: datasets, optimizer. */
  FIT_START("dev.hasten.runtime.loop.stage.FitStartHook"),
  /** Once per epoch, before its first step. */
  EPOCH_START("dev.hasten.runtime.loop.stage.EpochStartHook"),
  /** Every step: inputs and targets on the device, before the forward pass. */
  BATCH("dev.hasten.runtime.loop.stage.BatchTransform"),
  /** Every step: targets just before the loss is computed from the logits. */
  LOSS("dev.hasten.runtime.loop.stage.TargetTransform"),
  /** Every step: gradients before the update. */
  GRADIENTS("dev.hasten.runtime.loop.stage.GradientTransform"),
  /** Every step: replaces the plain optimizer update. */
  STEP("dev.hasten.runtime.loop.stage.StepRule"),
  /** Every step: weights after the update. */
  AFTER_STEP("dev.hasten.runtime.loop.stage.AfterStepHook"),
  /** Every evaluation: which weights are evaluated. */
  EVAL("dev.hasten.runtime.loop.stage.EvalWeights"),
  /** Once per epoch, after its last step. */
  EPOCH_END("dev.hasten.runtime.loop.stage.EpochEndHook");

  private final String interfaceName;

  Stage(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  /** Fully qualified name of the runtime interface for this stage. */
  public String interfaceName() {
    return interfaceName;
  }
}
