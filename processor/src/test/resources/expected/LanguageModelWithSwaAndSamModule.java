package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.LinearLr;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.LayerFreezing;
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.LinearSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.LayerFreezingMethod;
import dev.hasten.runtime.speedup.SamMethod;
import dev.hasten.runtime.speedup.SwaMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelWithSwaAndSamModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(LanguageModelWithSwaAndSamTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.LanguageModelWithSwaAndSam")
        .setEpochs(4)
        .setBatchSize(16)
        .setSeed(42L)
        .setClasses(256)
        .optSequenceLength(128)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .optSpeedups("LayerFreezing", "Swa", "Sam")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new AdamWOptimizer(LanguageModelWithSwaAndSam.class.getAnnotation(AdamW.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new LinearSchedule(LanguageModelWithSwaAndSam.class.getAnnotation(LinearLr.class));
  }

  @Provides
  @Named("model")
  Block model(LanguageModelWithSwaAndSam pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(LanguageModelWithSwaAndSam pipeline) {
    return pipeline.train();
  }

  @Provides
  @Named("eval")
  Dataset eval(LanguageModelWithSwaAndSam pipeline) {
    return pipeline.eval();
  }

  @Provides
  LayerFreezingMethod layerFreezing() {
    return new LayerFreezingMethod(LanguageModelWithSwaAndSam.class.getAnnotation(LayerFreezing.class));
  }

  @Provides
  SwaMethod swa() {
    return new SwaMethod(LanguageModelWithSwaAndSam.class.getAnnotation(Swa.class));
  }

  @Provides
  SamMethod sam() {
    return new SamMethod(LanguageModelWithSwaAndSam.class.getAnnotation(Sam.class));
  }
}
