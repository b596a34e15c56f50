package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.Defaults;
import dev.hasten.dsl.Muon;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.SeqLengthWarmup;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.MuonOptimizer;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.SeqLengthWarmupMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class GptMuonWarmupModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(GptMuonWarmupTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.GptMuonWarmup")
        .setEpochs(1)
        .setBatchSize(16)
        .setSeed(42L)
        .setClasses(256)
        .optSequenceLength(128)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .optSpeedups("SeqLengthWarmup")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new MuonOptimizer(GptMuonWarmup.class.getAnnotation(Muon.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new CosineSchedule(Defaults.class.getAnnotation(CosineLr.class));
  }

  @Provides
  @Named("model")
  Block model(GptMuonWarmup pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(GptMuonWarmup pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  SeqLengthWarmupMethod seqLengthWarmup() {
    return new SeqLengthWarmupMethod(GptMuonWarmup.class.getAnnotation(SeqLengthWarmup.class));
  }
}
