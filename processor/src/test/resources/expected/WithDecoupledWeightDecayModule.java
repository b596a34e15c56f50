package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import dev.hasten.runtime.speedup.DecoupledWeightDecayMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class WithDecoupledWeightDecayModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(WithDecoupledWeightDecayTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.WithDecoupledWeightDecay")
        .setEpochs(2)
        .setBatchSize(256)
        .setSeed(42L)
        .setImageShape(1, 28, 28)
        .setClasses(10)
        .optTraits(Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL)
        .optSpeedups("DecoupledWeightDecay")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new SgdOptimizer(WithDecoupledWeightDecay.class.getAnnotation(Sgd.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new ConstantSchedule();
  }

  @Provides
  @Named("model")
  Block model(WithDecoupledWeightDecay pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(WithDecoupledWeightDecay pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  DecoupledWeightDecayMethod decoupledWeightDecay(ParameterUpdater parameterUpdater,
      LrSchedule lrSchedule) {
    return new DecoupledWeightDecayMethod(WithDecoupledWeightDecay.class.getAnnotation(DecoupledWeightDecay.class), parameterUpdater, lrSchedule);
  }
}
