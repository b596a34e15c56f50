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
import dev.hasten.runtime.speedup.LayerFreezingMethod;
import dev.hasten.runtime.speedup.SamMethod;
import dev.hasten.runtime.speedup.SwaMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelWithSwaAndSamTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final Dataset eval;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final LayerFreezingMethod layerFreezing;

  private final SwaMethod swa;

  private final SamMethod sam;

  @Inject
  public LanguageModelWithSwaAndSamTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, @Named("eval") Dataset eval, ParameterUpdater optimizer,
      LrSchedule schedule, LayerFreezingMethod layerFreezing, SwaMethod swa, SamMethod sam) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.eval = eval;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.layerFreezing = layerFreezing;
    this.swa = swa;
    this.sam = sam;
  }

  @Override
  public RunResult fit() {
    try (Run run = runs.open(spec, model, train, eval, optimizer, schedule)) {
      run.keepState("swa", swa);
      // FIT_START
      swa.onFitStart(run);
      for (int epoch : run.epochs()) {
        // EPOCH_START
        layerFreezing.onEpochStart(run, epoch);
        for (Step step : run.steps(epoch)) {
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          // STEP
          sam.step(run, step);
          // AFTER_STEP
          swa.afterStep(step);
          run.endStep(step);
        }
        // EVAL
        swa.swapIn(run.model());
        run.evaluate(epoch);
        swa.swapOut(run.model());
        run.endEpoch(epoch);
      }
      return run.finish();
    }
  }
}
