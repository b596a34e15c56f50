package dev.hasten.runtime.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.gson.JsonObject;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.export.RunExport;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Progress;
import dev.hasten.runtime.report.ProgressDisplay;
import dev.hasten.runtime.report.RunPlots;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Opens {@link Run}s: applies the run options to the pipeline's spec, checks the model against its
 * declared traits, seeds and initialises it on the device, opens the data (resident or streamed,
 * {@link DataPaths}) and prepares the output folder. Everything that can fail on bad input fails
 * here, before the first step.
 */
public final class Runs {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final RunOptions options;
  private final NDManager rootManager;
  private StepObserver observer;
  private ProgressDisplay display = ProgressDisplay.PLAIN;
  private RunPlots plots = RunPlots.NONE;

  @Inject
  public Runs(RunOptions options, NDManager rootManager) {
    this.options = options;
    this.rootManager = rootManager;
  }

  /**
   * Has every run opened from now on report its step boundaries to {@code observer} (the doctor
   * binds one in Guice; without a binding Guice skips this and runs are not observed).
   */
  @com.google.inject.Inject(optional = true)
  public void observeWith(StepObserver observer) {
    this.observer = observer;
  }

  /**
   * Shows the progress of every run opened from now on on {@code display} (the runtime's Guice
   * module binds plain lines, the command line a progress bar).
   */
  @Inject
  public void displayProgressOn(ProgressDisplay display) {
    this.display = display;
  }

  /** Has every run opened from now on draw its plots with {@code plots} when it finishes. */
  @Inject
  public void plotWith(RunPlots plots) {
    this.plots = plots;
  }

  /** The pipeline's spec with the run options' overrides applied. */
  public RunSpec effectiveSpec(RunSpec spec) {
    RunSpec effective = spec;
    if (options.epochs().isPresent()) {
      effective = effective.withEpochs(options.epochs().get());
    }
    if (options.seed().isPresent()) {
      effective = effective.withSeed(options.seed().get());
    }
    return effective;
  }

  /** Opens a run of {@code model} on {@code train}, evaluated on {@code eval} (may be null). */
  public Run open(
      RunSpec pipelineSpec,
      Block model,
      Dataset train,
      Dataset eval,
      ParameterUpdater optimizer,
      LrSchedule schedule) {
    RunSpec spec = effectiveSpec(pipelineSpec);
    ModelTraits.requireDeclared(model, spec.traits());
    SequenceData.refuseDataFlag(options.data().orElse(null), spec, train);
    RunLock lock = claimOutDir(spec);
    Path outDir = lock.dir();
    NDManager manager = rootManager.newSubManager();
    try {
      // Seeds libtorch's generator, so initial weights (and dropout) repeat with the seed.
      Engine.getInstance().setRandomSeed((int) spec.seed());
      model.initialize(manager, DataType.FLOAT32, inputShape(spec));
      optimizer.prepare(model);
      long budget = options.dataMemory().orElseGet(DataPaths::defaultBudget);
      DataPaths.Chosen data =
          DataPaths.choose(
              SequenceData.forSpec(train, spec, "@TrainData"),
              SequenceData.forSpec(eval, spec, "@EvalData"),
              manager,
              budget,
              System.err);
      SplitData trainData = data.train();
      SplitData evalData = data.eval();
      SequenceData.requireWindows(trainData, spec, "@TrainData");
      SequenceData.requireWindows(evalData, spec, "@EvalData");
      SequenceData.requireOneTokenizer(train, eval, spec);
      long steps =
          StepPlan.stepsPerEpoch(trainData.examplesPerEpoch(), spec.batchSize()) * spec.epochs();
      long limit = options.maxSteps().orElse(Long.MAX_VALUE);
      JsonObject identity = RunCheckpoint.identity(spec, trainData, evalData);
      Checkpoints checkpoints = new Checkpoints(outDir, System.err);
      // Nothing on disk changes until a checkpoint has passed every check (and metrics.jsonl is
      // cut back only once the loop has loaded all of it: see Run.epochs).
      Resumption resumption =
          options.resume()
              ? Resumption.find(
                  checkpoints,
                  new CheckpointCheck(
                      identity, model, optimizer, outDir.resolve(MetricsLog.FILE_NAME)),
                  manager,
                  spec.simpleName(),
                  System.err)
              : Resumption.FRESH;
      Checkpoints.Loaded resumed = resumption.loaded();
      long done = resumed == null ? 0 : resumed.step();
      if (done > limit) {
        resumed.close();
        throw new InvalidInputException(
            "--max-steps "
                + limit
                + " is below the "
                + done
                + " steps that "
                + resumed.file().getFileName()
                + " has already taken; give a larger --max-steps, or none");
      }
      MetricsLog metrics = new MetricsLog(outDir);
      Progress progress = display.run(spec.simpleName(), Math.min(steps, limit), done);
      Run run =
          new Run(
              spec, model, manager, data, optimizer, schedule, outDir, metrics, progress, limit);
      run.holdUntilClosed(lock);
      run.checkpointInto(new RunCheckpoints(checkpoints, options.checkpointEvery(), identity));
      run.exportWith(RunExport.of(spec, model, train, outDir, System.err));
      run.plotWith(plots);
      if (resumed != null) {
        run.resumeFrom(resumed);
        System.err.printf(
            "hasten: resuming %s from %s (step %d)%n", spec.simpleName(), resumed.file(), done);
      } else if (resumption.restart()) {
        run.restartFromStepZero();
      }
      if (observer != null) {
        run.observeWith(observer);
      }
      return run;
    } catch (IOException e) {
      manager.close();
      lock.close();
      throw new InvalidInputException("cannot write into " + outDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      manager.close();
      lock.close();
      throw e;
    }
  }

  /** One example as the model first sees it: a window of token ids, or an image. */
  static Shape inputShape(RunSpec spec) {
    return spec.isSequenceTask()
        ? new Shape(1, spec.sequenceLength())
        : new Shape(1, spec.channels(), spec.height(), spec.width());
  }

  /**
   * Creates the output folder if needed and locks it for this run ({@link RunLock}); only then
   * checks that a fresh run does not land on another run's files, so two runs started at once
   * cannot both pass the check.
   */
  private RunLock claimOutDir(RunSpec spec) {
    Path dir =
        options
            .out()
            .orElseGet(
                () ->
                    Paths.get("runs", spec.simpleName() + "-" + LocalDateTime.now().format(STAMP)));
    if (options.resume() && !Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "--resume: "
              + dir
              + (Files.exists(dir) ? " is not a folder" : " does not exist")
              + "; there is no run there to continue (leave out --resume to start one)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException(
          "--out " + dir + ": cannot create the folder (" + e.getMessage() + ")", e);
    }
    if (!Files.isWritable(dir)) {
      throw new InvalidInputException("--out " + dir + ": the folder is not writable");
    }
    RunLock lock = RunLock.acquire(dir);
    if (!options.resume() && Files.exists(dir.resolve(MetricsLog.FILE_NAME))) {
      lock.close();
      // Never append a fresh run to another run's log or mix their checkpoints.
      throw new InvalidInputException(
          "--out "
              + dir
              + " already holds a run; add --resume to continue it, or choose another folder");
    }
    return lock;
  }
}
