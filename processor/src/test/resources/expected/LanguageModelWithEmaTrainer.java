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
import dev.hasten.runtime.speedup.DecoupledWeightDecayMethod;
import dev.hasten.runtime.speedup.EmaMethod;
import dev.hasten.runtime.speedup.GradientClippingMethod;
import dev.hasten.runtime.speedup.LabelSmoothingMethod;
import dev.hasten.runtime.speedup.ScaleScheduleMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelWithEmaTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final Dataset eval;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final EmaMethod ema;

  private final GradientClippingMethod gradientClipping;

  private final LabelSmoothingMethod labelSmoothing;

  private final DecoupledWeightDecayMethod decoupledWeightDecay;

  private final ScaleScheduleMethod scaleSchedule;

  @Inject
  public LanguageModelWithEmaTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, @Named("eval") Dataset eval, ParameterUpdater optimizer,
      LrSchedule schedule, EmaMethod ema, GradientClippingMethod gradientClipping,
      LabelSmoothingMethod labelSmoothing, DecoupledWeightDecayMethod decoupledWeightDecay,
      ScaleScheduleMethod scaleSchedule) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.eval = eval;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.ema = ema;
    this.gradientClipping = gradientClipping;
    this.labelSmoothing = labelSmoothing;
    this.decoupledWeightDecay = decoupledWeightDecay;
    this.scaleSchedule = scaleSchedule;
  }

  @Override
  public RunResult fit() {
    try (Run run = runs.open(spec, model, train, eval, optimizer, schedule)) {
      run.keepState("ema", ema);
      // FIT_START
      ema.onFitStart(run);
      decoupledWeightDecay.onFitStart(run);
      scaleSchedule.onFitStart(run);
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            // LOSS
            labelSmoothing.transformTargets(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          // GRADIENTS
          gradientClipping.transformGradients(step);
          decoupledWeightDecay.transformGradients(step);
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
