package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.hasten.dsl.OneCycleLr;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.OneCycleSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import dev.hasten.runtime.speedup.EmaMethod;
import dev.hasten.runtime.speedup.LabelSmoothingMethod;
import dev.hasten.runtime.speedup.ProgressiveResizingMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class FashionMildModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(FashionMildTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("dev.hasten.samples.FashionMild")
        .setEpochs(6)
        .setBatchSize(256)
        .setSeed(42L)
        .setImageShape(1, 28, 28)
        .setClasses(10)
        .optTraits(Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL)
        .optSpeedups("ProgressiveResizing", "LabelSmoothing", "Ema")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new SgdOptimizer(FashionMild.class.getAnnotation(Sgd.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new OneCycleSchedule(FashionMild.class.getAnnotation(OneCycleLr.class));
  }

  @Provides
  @Named("model")
  Block model(FashionMild pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(FashionMild pipeline, Datasets data) {
    return pipeline.train(data);
  }

  @Provides
  @Named("eval")
  Dataset eval(FashionMild pipeline, Datasets data) {
    return pipeline.eval(data);
  }

  @Provides
  ProgressiveResizingMethod progressiveResizing() {
    return new ProgressiveResizingMethod(FashionMild.class.getAnnotation(ProgressiveResizing.class));
  }

  @Provides
  LabelSmoothingMethod labelSmoothing() {
    return new LabelSmoothingMethod(FashionMild.class.getAnnotation(LabelSmoothing.class));
  }

  @Provides
  EmaMethod ema() {
    return new EmaMethod(FashionMild.class.getAnnotation(Ema.class));
  }
}
