package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelBaselineModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(LanguageModelBaselineTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.LanguageModelBaseline")
        .setEpochs(2)
        .setBatchSize(16)
        .setSeed(42L)
        .setClasses(256)
        .optSequenceLength(128)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new AdamWOptimizer(LanguageModelBaseline.class.getAnnotation(AdamW.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new CosineSchedule(LanguageModelBaseline.class.getAnnotation(CosineLr.class));
  }

  @Provides
  @Named("model")
  Block model(LanguageModelBaseline pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(LanguageModelBaseline pipeline) {
    return pipeline.train();
  }
}
