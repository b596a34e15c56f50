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
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import dev.hasten.runtime.speedup.SamMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class SamSuppressingOtherWarningsModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(SamSuppressingOtherWarningsTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.SamSuppressingOtherWarnings")
        .setEpochs(2)
        .setBatchSize(256)
        .setSeed(42L)
        .setImageShape(1, 28, 28)
        .setClasses(10)
        .optTraits(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL)
        .optSpeedups("Sam")
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
  Block model(SamSuppressingOtherWarnings pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(SamSuppressingOtherWarnings pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  SamMethod sam() {
    return new SamMethod(SamSuppressingOtherWarnings.class.getAnnotation(Sam.class));
  }
}
