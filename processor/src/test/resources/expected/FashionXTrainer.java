package test;

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
import dev.hasten.runtime.speedup.BlurPoolMethod;
import dev.hasten.runtime.speedup.EmaMethod;
import dev.hasten.runtime.speedup.LabelSmoothingMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class FashionXTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final BlurPoolMethod blurPool;

  private final EmaMethod ema;

  private final LabelSmoothingMethod labelSmoothing;

  @Inject
  public FashionXTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, ParameterUpdater optimizer, LrSchedule schedule,
      BlurPoolMethod blurPool, EmaMethod ema, LabelSmoothingMethod labelSmoothing) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.blurPool = blurPool;
    this.ema = ema;
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public RunResult fit() {
    // MODEL_SURGERY
    Block model = blurPool.apply(this.model, spec);
    try (Run run = runs.open(spec, model, train, null, optimizer, schedule)) {
      run.keepState("ema", ema);
      // FIT_START
      blurPool.onFitStart(run);
      ema.onFitStart(run);
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
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
