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
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelBaselineTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  @Inject
  public LanguageModelBaselineTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, ParameterUpdater optimizer, LrSchedule schedule) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.optimizer = optimizer;
    this.schedule = schedule;
  }

  @Override
  public RunResult fit() {
    try (Run run = runs.open(spec, model, train, null, optimizer, schedule)) {
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          run.optimizerStep(step);
          run.endStep(step);
        }
        run.evaluate(epoch);
        run.endEpoch(epoch);
      }
      return run.finish();
    }
  }
}
