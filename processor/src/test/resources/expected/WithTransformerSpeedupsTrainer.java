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
import dev.hasten.runtime.speedup.AlibiMethod;
import dev.hasten.runtime.speedup.GatedLinearUnitsMethod;
import dev.hasten.runtime.speedup.LowPrecisionLayerNormMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class WithTransformerSpeedupsTrainer implements PipelineTrainer {
  private final RunSpec spec;

  private final Runs runs;

  private final Block model;

  private final Dataset train;

  private final ParameterUpdater optimizer;

  private final LrSchedule schedule;

  private final AlibiMethod alibi;

  private final LowPrecisionLayerNormMethod lowPrecisionLayerNorm;

  private final GatedLinearUnitsMethod gatedLinearUnits;

  @Inject
  public WithTransformerSpeedupsTrainer(RunSpec spec, Runs runs, @Named("model") Block model,
      @Named("train") Dataset train, ParameterUpdater optimizer, LrSchedule schedule,
      AlibiMethod alibi, LowPrecisionLayerNormMethod lowPrecisionLayerNorm,
      GatedLinearUnitsMethod gatedLinearUnits) {
    this.spec = spec;
    this.runs = runs;
    this.model = model;
    this.train = train;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.alibi = alibi;
    this.lowPrecisionLayerNorm = lowPrecisionLayerNorm;
    this.gatedLinearUnits = gatedLinearUnits;
  }

  @Override
  public RunResult fit() {
    // MODEL_SURGERY
    Block model = alibi.apply(this.model, spec);
    model = lowPrecisionLayerNorm.apply(model, spec);
    model = gatedLinearUnits.apply(model, spec);
    try (Run run = runs.open(spec, model, train, null, optimizer, schedule)) {
      // FIT_START
      lowPrecisionLayerNorm.onFitStart(run);
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          // BATCH
          alibi.transformBatch(step);
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
