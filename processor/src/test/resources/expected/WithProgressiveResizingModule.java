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
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import dev.hasten.runtime.speedup.ProgressiveResizingMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class WithProgressiveResizingModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(WithProgressiveResizingTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.WithProgressiveResizing")
        .setEpochs(2)
        .setBatchSize(256)
        .setSeed(42L)
        .setImageShape(1, 28, 28)
        .setClasses(10)
        .optTraits(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL)
        .optSpeedups("ProgressiveResizing")
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
  Block model(WithProgressiveResizing pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(WithProgressiveResizing pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  ProgressiveResizingMethod progressiveResizing() {
    return new ProgressiveResizingMethod(WithProgressiveResizing.class.getAnnotation(ProgressiveResizing.class));
  }
}
