package dev.hasten.runtime.loop;

/**
 * How many steps a run takes: steps per epoch from the training examples it keeps, the whole
 * scheduled run from the epochs and a duration ratio, and the step limit that may stop it early.
 *
 * <p>Why it exists: data pruning (fewer training examples) and ScaleSchedule (a duration ratio)
 * both reshape the run before its first step, and every count must then be recomputed from the same
 * three inputs; keeping them in one place keeps a resumed run, which shapes itself again the same
 * way, on exactly the counts of the run it continues.
 */
final class StepPlan {
  private final RunSpec spec;

  /** The step limit asked for (--max-steps), before it is capped by the scheduled run. */
  private final long maxSteps;

  private SplitData train;

  /** The run's length relative to the pipeline's epochs (ScaleSchedule changes it). */
  private double durationRatio = 1.0;

  /** Whether the loop has asked for a first step (FIT_START is over). */
  private boolean stepsStarted;

  private long stepsPerEpoch;
  private long totalSteps;
  private long stepLimit;

  StepPlan(RunSpec spec, SplitData train, long maxSteps) {
    this.spec = spec;
    this.train = train;
    this.maxSteps = maxSteps;
    plan(1.0);
  }

  /**
   * Full batches per epoch of {@code examples} ({@link SplitData#examplesPerEpoch}); the remainder
   * is dropped (it changes each epoch with the shuffle).
   */
  static long stepsPerEpoch(long examples, int batchSize) {
    return Math.max(1, examples / batchSize);
  }

  /** Sets the step counts from the training set's size, the epochs and a duration ratio. */
  private void plan(double durationRatio) {
    this.durationRatio = durationRatio;
    stepsPerEpoch = stepsPerEpoch(train.examplesPerEpoch(), spec.batchSize());
    totalSteps = Math.max(1, Math.round(stepsPerEpoch * spec.epochs() * durationRatio));
    stepLimit = Math.min(totalSteps, maxSteps);
  }

  /** The training examples the run trains on (all of them unless some were kept). */
  SplitData train() {
    return train;
  }

  /**
   * Trains on the given examples only (positions in the split, a view of it on either path); steps
   * per epoch shrink with the data, and so does the scheduled run.
   */
  void keepTrainingExamples(long[] kept) {
    requireNotStarted("keepTrainingExamples");
    train = train.subset(kept);
    plan(durationRatio);
  }

  /** Scales the length of the whole run by {@code ratio} (0 < ratio). */
  void scaleDuration(double ratio) {
    requireNotStarted("scaleDuration");
    if (!(ratio > 0)) {
      throw new IllegalArgumentException("a duration ratio must be above 0, got " + ratio);
    }
    plan(ratio);
  }

  /** Marks the first step as asked for: the plan is fixed from now on. */
  void stepsStarted() {
    stepsStarted = true;
  }

  void requireNotStarted(String what) {
    // Not a step count above 0: a resumed run starts past step 0 and must shape itself the same
    // way again (same kept examples, same duration) before its first step.
    if (stepsStarted) {
      throw new IllegalStateException(what + " is only allowed before the first step (FIT_START)");
    }
  }

  long stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** Steps of the whole scheduled run; schedules and speedup fractions are relative to it. */
  long totalSteps() {
    return totalSteps;
  }

  /** The step at which the run stops: the scheduled run's end, or the step limit if sooner. */
  long stepLimit() {
    return stepLimit;
  }

  /** Epochs the scheduled run spans (the last may be partial after a duration scaling). */
  int epochCount() {
    return (int) ((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);
  }

  /** Whether step {@code step} (counted from 1) ends an epoch: its last step, or the run's. */
  boolean endsEpoch(long step) {
    return step % stepsPerEpoch == 0 || step == stepLimit || step == totalSteps;
  }

  /**
   * Whether, after {@code step} steps, the steps of the current epoch are all taken (or the run's
   * are), whether or not the loop has ended the epoch yet.
   */
  boolean epochStepsDone(long step) {
    return step > 0 && (step % stepsPerEpoch == 0 || step >= stepLimit || step >= totalSteps);
  }
}
