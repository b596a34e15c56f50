package test;

import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Dataset;
import com.google.inject.Inject;
import com.google.inject.name.Named;
import dev.hasten.processor.fixtures.AnyStageMethod;
import dev.hasten.processor.fixtures.GradientNoiseMethod;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.EmaMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class EveryStagePipelineTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final Dataset eval;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final AnyStageMethod everyStage;

  private final EmaMethod ema;

  private final AnyStageMethod lookahead;

  private final GradientNoiseMethod gradientNoise;

  @Inject
  public EveryStagePipelineTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, @Named("eval") Dataset eval, ParameterUpdater optimizer,
      LrSchedule schedule, @Named("everyStage") AnyStageMethod everyStage, EmaMethod ema,
      @Named("lookahead") AnyStageMethod lookahead, GradientNoiseMethod gradientNoise) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.eval = eval;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.everyStage = everyStage;
    this.ema = ema;
    this.lookahead = lookahead;
    this.gradientNoise = gradientNoise;
  }

  @Override
  public RunResult fit() {
    // MODEL_SURGERY
    Block model = everyStage.apply(this.model, spec);
    try (Run run = runs.open(spec, model, train, eval, optimizer, schedule)) {
      run.keepState("ema", ema);
      // FIT_START
      everyStage.onFitStart(run);
      ema.onFitStart(run);
      for (int epoch : run.epochs()) {
        // EPOCH_START
        everyStage.onEpochStart(run, epoch);
        for (Step step : run.steps(epoch)) {
          // BATCH
          everyStage.transformBatch(step);
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            // LOSS
            everyStage.transformTargets(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          // GRADIENTS
          everyStage.transformGradients(step);
          gradientNoise.transformGradients(step);
          // STEP
          lookahead.step(run, step);
          // AFTER_STEP
          everyStage.afterStep(step);
          ema.afterStep(step);
          run.endStep(step);
        }
        // EPOCH_END
        everyStage.onEpochEnd(run, epoch);
        // EVAL
        everyStage.swapIn(run.model());
        ema.swapIn(run.model());
        run.evaluate(epoch);
        ema.swapOut(run.model());
        everyStage.swapOut(run.model());
        run.endEpoch(epoch);
      }
      return run.finish();
    }
  }
}
