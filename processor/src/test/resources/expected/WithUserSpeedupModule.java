package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.Defaults;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;
import dev.hasten.processor.fixtures.AnyStageMethod;
import dev.hasten.processor.fixtures.GradientNoise;
import dev.hasten.processor.fixtures.GradientNoiseMethod;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class WithUserSpeedupModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(WithUserSpeedupTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.WithUserSpeedup")
        .setEpochs(2)
        .setBatchSize(256)
        .setSeed(42L)
        .setImageShape(1, 28, 28)
        .setClasses(10)
        .optTraits(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL)
        .optSpeedups("Jitter", "GradientNoise")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new SgdOptimizer(Defaults.class.getAnnotation(Sgd.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new CosineSchedule(Defaults.class.getAnnotation(CosineLr.class));
  }

  @Provides
  @Named("model")
  Block model(WithUserSpeedup pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(WithUserSpeedup pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  AnyStageMethod jitter() {
    return new AnyStageMethod();
  }

  @Provides
  GradientNoiseMethod gradientNoise() {
    return new GradientNoiseMethod(WithUserSpeedup.class.getAnnotation(GradientNoise.class));
  }
}
