package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Dataset;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.EmaMethod;
import dev.hasten.runtime.speedup.LabelSmoothingMethod;
import dev.hasten.runtime.speedup.ProgressiveResizingMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class FashionMildTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final Dataset eval;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final ProgressiveResizingMethod progressiveResizing;

  private final LabelSmoothingMethod labelSmoothing;

  private final EmaMethod ema;

  @Inject
  public FashionMildTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, @Named("eval") Dataset eval, ParameterUpdater optimizer,
      LrSchedule schedule, ProgressiveResizingMethod progressiveResizing,
      LabelSmoothingMethod labelSmoothing, EmaMethod ema) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.eval = eval;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.progressiveResizing = progressiveResizing;
    this.labelSmoothing = labelSmoothing;
    this.ema = ema;
  }

  @Override
  public RunResult fit() {
    try (Run run = runs.open(spec, model, train, eval, optimizer, schedule)) {
      run.keepState("ema", ema);
      // FIT_START
      ema.onFitStart(run);
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          // BATCH
          progressiveResizing.transformBatch(step);
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            // LOSS
            labelSmoothing.transformTargets(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          run.optimizerStep(step);
          // AFTER_STEP
          ema.afterStep(step);
          run.endStep(step);
        }
        // EVAL
        ema.swapIn(run.model());
        run.evaluate(epoch);
        ema.swapOut(run.model());
        run.endEpoch(epoch);
      }
      return run.finish();
    }
  }
}
