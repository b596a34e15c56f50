package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.Defaults;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.Alibi;
import dev.hasten.dsl.speedup.GatedLinearUnits;
import dev.hasten.dsl.speedup.LowPrecisionLayerNorm;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.AlibiMethod;
import dev.hasten.runtime.speedup.GatedLinearUnitsMethod;
import dev.hasten.runtime.speedup.LowPrecisionLayerNormMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class WithTransformerSpeedupsModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(WithTransformerSpeedupsTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.WithTransformerSpeedups")
        .setEpochs(1)
        .setBatchSize(16)
        .setSeed(42L)
        .setClasses(256)
        .optSequenceLength(128)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .optSpeedups("Alibi", "LowPrecisionLayerNorm", "GatedLinearUnits")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new AdamWOptimizer(WithTransformerSpeedups.class.getAnnotation(AdamW.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new CosineSchedule(Defaults.class.getAnnotation(CosineLr.class));
  }

  @Provides
  @Named("model")
  Block model(WithTransformerSpeedups pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(WithTransformerSpeedups pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  AlibiMethod alibi() {
    return new AlibiMethod(WithTransformerSpeedups.class.getAnnotation(Alibi.class));
  }

  @Provides
  LowPrecisionLayerNormMethod lowPrecisionLayerNorm() {
    return new LowPrecisionLayerNormMethod(WithTransformerSpeedups.class.getAnnotation(LowPrecisionLayerNorm.class));
  }

  @Provides
  GatedLinearUnitsMethod gatedLinearUnits() {
    return new GatedLinearUnitsMethod(WithTransformerSpeedups.class.getAnnotation(GatedLinearUnits.class));
  }
}
