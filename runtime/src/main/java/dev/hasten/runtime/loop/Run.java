package dev.hasten.runtime.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.export.RunExport;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Progress;
import dev.hasten.runtime.report.RunPlots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * One training run, as the generated loop drives it: epochs, steps, the forward pass, the loss, the
 * optimizer step, evaluation, and the record of it all. Created by {@link Runs#open}.
 *
 * <p>Why it is shaped this way: the data is a {@link SplitData}, resident on the device (a batch is
 * one gather) or streamed from its image cache by a background reader (a batch is waiting when the
 * step asks for it); every array a step makes lives in the step's own manager, closed when the step
 * ends; the training loss is summed on the device and read back once per {@link
 * TrainingLoss#LOG_EVERY} steps, so the loop does not wait on the host every step; parameters are
 * updated in place by the {@link ParameterUpdater}.
 */
public final class Run implements AutoCloseable {
  private final RunSpec spec;
  private final Block model;
  private final NDManager manager;
  private final ForwardParameters parameterStore;
  private final List<Parameter> parameters;
  private final DataPaths.Chosen data;
  private final StepPlan plan;
  private final Evaluation evaluation;
  private final ParameterUpdater optimizer;
  private LrSchedule schedule;
  private final Path outDir;
  private final MetricsLog metrics;
  private final Progress progress;
  private RunPlots plots = RunPlots.NONE;

  /** This process's claim on the output folder, released when the run is closed. */
  private RunLock lock;

  private RunCheckpoints checkpoints = RunCheckpoints.none();

  /** The step at which the loop last ended an epoch (called {@link #evaluate}); -1 before. */
  private long epochEndedAtStep = -1;

  /** A resumed run whose checkpoint came before its epoch's end: that end is done first. */
  private boolean resumeOwesEpochEnd;

  private long globalStep;

  /** A language model's tokens trained so far, for its throughput; 0 for an image model. */
  private long trainedTokens;

  private final TrainingClock clock = new TrainingClock();
  private final StepMaker stepMaker;
  private final TrainingLoss loss;
  private double lastLr;

  /** The doctor's profiler while it profiles; null in normal runs, which then pay a null check. */
  private StepObserver observer;

  Run(
      RunSpec spec,
      Block model,
      NDManager manager,
      DataPaths.Chosen data,
      ParameterUpdater optimizer,
      LrSchedule schedule,
      Path outDir,
      MetricsLog metrics,
      Progress progress,
      long stepLimit) {
    this.spec = spec;
    this.model = model;
    this.manager = manager;
    this.parameterStore = new ForwardParameters(manager);
    this.parameters = new ArrayList<>(model.getParameters().values());
    this.data = data;
    this.plan = new StepPlan(spec, data.train(), stepLimit);
    this.stepMaker = new StepMaker(spec, model, manager, parameterStore);
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.outDir = outDir;
    this.metrics = metrics;
    this.progress = progress;
    this.evaluation =
        new Evaluation(data.eval(), spec, model, parameterStore, manager, metrics, progress, clock);
    // The clock runs from here: work done before the first step (FIT_START hooks such as data
    // pruning's scoring warm-up) is training compute too. Data loading and set-up are not.
    clock.start();
    this.loss = new TrainingLoss(manager);
  }

  /** Exports the model with the weights of the run's last evaluation (see {@link #evaluate}). */
  void exportWith(RunExport export) {
    evaluation.exportWith(export);
  }

  /** Draws the run's plots with {@code plots} when it finishes (none by default). */
  void plotWith(RunPlots plots) {
    this.plots = plots;
  }

  /** Has {@code observer} see every step boundary from now on (see {@link StepObserver}). */
  void observeWith(StepObserver observer) {
    this.observer = observer;
  }

  private void mark(StepObserver.Boundary boundary, Step step) {
    if (observer != null) {
      observer.at(boundary, this, step);
    }
  }

  /**
   * Registers state that checkpoints keep and a resumed run restores (the generated loop does this
   * for every speedup whose class implements {@link Stateful}).
   */
  public void keepState(String name, Stateful state) {
    checkpoints.keep(name, state, model);
  }

  /** Writes checkpoints as {@code checkpoints} says (at each epoch's end, every N steps). */
  void checkpointInto(RunCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** Keeps {@code lock} on the output folder until {@link #close}. */
  void holdUntilClosed(RunLock lock) {
    this.lock = lock;
  }

  JsonObject identity() {
    return checkpoints.identity();
  }

  /**
   * Continues from a checkpoint that {@link CheckpointCheck} passed: weights, optimizer state,
   * counters now; speedup state on keepState; metrics.jsonl is cut back when the loop asks for the
   * epochs, after everything has loaded.
   */
  void resumeFrom(Checkpoints.Loaded loaded) {
    RunCheckpoint.restoreModelAndOptimizer(this, loaded.contents());
    RunCounters c = RunCheckpoint.counters(loaded.contents(), manager);
    checkpoints.resumed(
        loaded.file().getFileName().toString(), c, RunCheckpoint.keptStates(loaded.contents()));
    globalStep = c.step();
    resumeOwesEpochEnd = c.epochEndPending();
    loss.resumeFrom(c.lossCount(), c.lossSum(), globalStep);
    clock.resumeAt(c.trainNanos());
    trainedTokens = c.trainedTokens();
    lastLr = c.lastLr();
    evaluation.resumeFrom(c);
    epochEndedAtStep = c.epochEndPending() ? -1 : globalStep;
  }

  /** Starts afresh in a folder whose log is to be written again from its first line. */
  void restartFromStepZero() {
    checkpoints.restartFromStepZero();
  }

  /** The number of steps taken so far. */
  public long stepsTaken() {
    return globalStep;
  }

  ParameterUpdater optimizer() {
    return optimizer;
  }

  java.util.Map<String, Stateful> keptState() {
    return checkpoints.kept();
  }

  /**
   * Writes a checkpoint of the run as it is now (training weights in the model). Refuses to save a
   * diverged run, so the last checkpoint stays a good one.
   */
  void saveCheckpoint() {
    boolean pending = epochEndPending();
    if (checkpoints.upToDate(globalStep, pending)) {
      return;
    }
    loss.requireFinite(globalStep);
    RunCounters counters =
        new RunCounters(
            globalStep,
            plan.totalSteps(),
            pending,
            loss.count(),
            loss.sum(),
            clock.nanos(),
            lastLr,
            evaluation.lastTestAcc(),
            evaluation.bestTestAcc(),
            evaluation.lastTestLoss(),
            evaluation.bestTestLoss(),
            evaluation.lastEvaluatedStep(),
            metrics.bytesWritten(),
            trainedTokens);
    try (NDManager host = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      checkpoints.write(globalStep, pending, RunCheckpoint.capture(this, counters, host));
    }
  }

  /**
   * Whether the steps of the current epoch are all taken but the loop has not yet ended it (its
   * EPOCH_END hooks and evaluation): a checkpoint written now (every N steps, on Ctrl-C) records
   * it, and a run resumed from it ends that epoch before its next step.
   */
  private boolean epochEndPending() {
    return plan.epochStepsDone(globalStep) && epochEndedAtStep != globalStep;
  }

  /**
   * The training split the run trains on (after {@link #keepTrainingExamples}, the kept examples
   * only), resident or streamed: read it through {@link SplitData#gather} or {@link
   * SplitData#read}, in chunks; do not close.
   */
  public SplitData trainData() {
    return plan.train();
  }

  /**
   * Trains on the given examples of the training split only (for data pruning), by their positions
   * in it; allowed before the first step. Steps per epoch shrink with the data, and so does the
   * scheduled run.
   */
  public void keepTrainingExamples(long[] kept) {
    plan.keepTrainingExamples(kept);
  }

  /**
   * Scales the length of the whole run by {@code ratio} (0 < ratio), schedule and every
   * fraction-of-the-run included, as Composer's scale_schedule_ratio; allowed before the first
   * step.
   */
  public void scaleDuration(double ratio) {
    plan.scaleDuration(ratio);
  }

  /**
   * Replaces the learning-rate schedule by {@code replace} applied to it; allowed before the first
   * step. For a speedup with a rate of its own that builds on the pipeline's (SWA's).
   */
  public void replaceSchedule(UnaryOperator<LrSchedule> replace) {
    plan.requireNotStarted("replaceSchedule");
    schedule = replace.apply(schedule);
  }

  /** The learning rate of step {@code step} (from 0) under the run's schedule. */
  public double learningRate(long step) {
    return schedule.learningRate(optimizer.baseLearningRate(), step, plan.totalSteps());
  }

  public RunSpec spec() {
    return spec;
  }

  public Block model() {
    return model;
  }

  public Device device() {
    return manager.getDevice();
  }

  /** The run's long-lived manager, on the training device. */
  public NDManager manager() {
    return manager;
  }

  public Path outDir() {
    return outDir;
  }

  public long stepsPerEpoch() {
    return plan.stepsPerEpoch();
  }

  /** Steps of the whole scheduled run; schedules and speedup fractions are relative to it. */
  public long totalSteps() {
    return plan.totalSteps();
  }

  /**
   * The epochs still to run, stopping early once a step limit is reached. A resumed run whose
   * checkpoint came after an epoch's last step but before its end starts with that epoch again,
   * without steps, so that its end (hooks, evaluation, checkpoint) happens as in a run never
   * stopped. The loop ends each epoch with {@link #endEpoch}.
   */
  public Iterable<Integer> epochs() {
    checkpoints.completeResume(plan.totalSteps(), outDir);
    int first = (int) ((globalStep - (resumeOwesEpochEnd ? 1 : 0)) / plan.stepsPerEpoch());
    boolean owed = resumeOwesEpochEnd;
    resumeOwesEpochEnd = false;
    return () -> new EpochIterator(plan, () -> globalStep, first, owed);
  }

  /**
   * Ends epoch {@code epoch}, after its evaluation with the training weights swapped back: writes
   * the epoch's checkpoint when the epoch ran to its last step. An epoch cut short by a step limit
   * is not checkpointed here; {@link #finish} writes the run's last checkpoint.
   */
  public void endEpoch(int epoch) {
    if (globalStep > 0 && globalStep % plan.stepsPerEpoch() == 0) {
      saveCheckpoint();
    }
  }

  /** Epochs the scheduled run spans (the last may be partial after a duration scaling). */
  public int epochCount() {
    return plan.epochCount();
  }

  /** The steps of one epoch, each a fresh batch gathered on the device in a shuffled order. */
  public Iterable<Step> steps(int epoch) {
    // The order is a function of (seed, epoch) alone, so a resumed run sees the same batches.
    long first = globalStep - epoch * plan.stepsPerEpoch();
    stepMaker.startEpoch(plan.train(), epoch, first, plan.stepsPerEpoch());
    return () ->
        new Iterator<Step>() {
          private long inEpoch = first;

          @Override
          public boolean hasNext() {
            return inEpoch < plan.stepsPerEpoch()
                && globalStep < plan.stepLimit()
                && globalStep < plan.totalSteps();
          }

          @Override
          public Step next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            clock.start();
            plan.stepsStarted();
            mark(StepObserver.Boundary.STEP_START, null);
            inEpoch++;
            Step step = stepMaker.next(epoch, globalStep, plan.totalSteps());
            mark(StepObserver.Boundary.BATCH_READY, step);
            return step;
          }
        };
  }

  /** Starts recording operations for backward; close it right after {@code backward}. */
  public GradientCollector newGradientCollector() {
    GradientCollector collector = manager.getEngine().newGradientCollector();
    return observer == null ? collector : new ObservedGradientCollector(collector, observer, this);
  }

  /** The forward pass in training mode: sets the step's logits. */
  public void forward(Step step) {
    mark(StepObserver.Boundary.FORWARD_START, step);
    step.setLogits(
        model.forward(parameterStore, new NDList(step.inputs()), true).singletonOrThrow());
    mark(StepObserver.Boundary.FORWARD_END, step);
  }

  /**
   * Mean cross-entropy of the logits against the step's soft targets, or against its labels when no
   * speedup read or set the targets (the same loss, without encoding them): sets the step's loss. A
   * model with another number of outputs than the task's classes takes the targets' path, whose
   * shape check fails with the engine's words for the mismatch.
   */
  public void computeLoss(Step step) {
    mark(StepObserver.Boundary.LOSS_START, step);
    NDArray logits = step.logits();
    boolean atLabels =
        !step.targetsRead()
            && logits.getShape().get(logits.getShape().dimension() - 1) == spec.classes();
    step.setLoss(
        atLabels
            ? CrossEntropy.meanOfLabels(logits, step.labels())
            : CrossEntropy.mean(logits, step.targets()));
    mark(StepObserver.Boundary.LOSS_END, step);
  }

  /**
   * The optimizer update at the scheduled learning rate, of the parameters the step's forward pass
   * read (the others have no gradient this step); gradients are zeroed after.
   */
  public void optimizerStep(Step step) {
    mark(StepObserver.Boundary.OPTIMIZER_START, step);
    lastLr = learningRate(step.index());
    List<Parameter> inGraph = new ArrayList<>(parameters.size());
    for (Parameter parameter : parameters) {
      if (step.readInForward(parameter)) {
        inGraph.add(parameter);
      }
    }
    optimizer.update(inGraph, lastLr);
    mark(StepObserver.Boundary.OPTIMIZER_END, step);
  }

  /** Ends a step: accounts its loss, reports at intervals, frees everything the step made. */
  public void endStep(Step step) {
    mark(StepObserver.Boundary.END_STEP_START, step);
    loss.add(step.loss());
    if (spec.isSequenceTask()) {
      // The windows as the model read them: shorter than T while a speedup truncates them.
      trainedTokens += step.inputs().getShape().size();
    }
    globalStep++;
    progress.step();
    if (TrainingLoss.readDue(globalStep, plan.endsEpoch(globalStep))) {
      mark(StepObserver.Boundary.HOST_READ_START, step);
      logTrainingLoss(step.epoch());
      mark(StepObserver.Boundary.HOST_READ_END, step);
    }
    step.manager().close();
    if (checkpoints.dueEvery(globalStep)) {
      saveCheckpoint();
    }
    if (Interrupts.requested()) {
      saveCheckpoint();
      throw new RunInterruptedException(globalStep, outDir);
    }
    mark(StepObserver.Boundary.STEP_END, step);
  }

  private void logTrainingLoss(int epoch) {
    double meanLoss = loss.readMean(globalStep);
    metrics.training(globalStep, epoch, trainSeconds(), meanLoss, lastLr);
    progress.trainLoss(meanLoss);
  }

  /**
   * Evaluates the model (whatever weights are in it now) on the evaluation split, in inference
   * mode, off the training clock; records test accuracy and loss. Without evaluation data it
   * evaluates nothing. After the run's last step, it then exports the model with these weights.
   */
  public void evaluate(int epoch) {
    epochEndedAtStep = globalStep;
    if (evaluation.hasData()) {
      mark(StepObserver.Boundary.EVAL_START, null);
      clock.stop();
      evaluation.evaluate(epoch, globalStep);
      mark(StepObserver.Boundary.EVAL_END, null);
    }
    evaluation.exportAfterLastStep(globalStep, plan.stepLimit());
  }

  /** Seconds of training so far, evaluation excluded. */
  public double trainSeconds() {
    return clock.seconds();
  }

  /** Completes the run: writes summary.json, prints it as the last line of stdout, returns it. */
  public RunResult finish() {
    saveCheckpoint();
    clock.stop();
    if (evaluation.hasData() && evaluation.lastEvaluatedStep() != globalStep) {
      evaluate((int) Math.max(0, (globalStep - 1) / plan.stepsPerEpoch()));
    }
    evaluation.exportOnce(globalStep);
    return RunSummary.write(
        spec,
        globalStep,
        clock.stoppedSeconds(),
        trainedTokens,
        evaluation,
        device(),
        data,
        outDir,
        progress,
        plots);
  }

  @Override
  public void close() {
    stepMaker.close();
    data.train().close();
    if (data.eval() != null) {
      data.eval().close();
    }
    progress.close();
    try {
      metrics.close();
    } catch (IOException e) {
      // The log was flushed line by line; a failing close loses nothing already written.
    }
    manager.close();
    if (lock != null) {
      lock.close();
    }
  }
}
