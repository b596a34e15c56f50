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
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.GradientClipping;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.ScaleSchedule;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.DecoupledWeightDecayMethod;
import dev.hasten.runtime.speedup.EmaMethod;
import dev.hasten.runtime.speedup.GradientClippingMethod;
import dev.hasten.runtime.speedup.LabelSmoothingMethod;
import dev.hasten.runtime.speedup.ScaleScheduleMethod;
import javax.annotation.processing.Generated;

@Generated("dev.hasten.processor.PipelineProcessor")
public final class LanguageModelWithEmaModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(PipelineTrainer.class).to(LanguageModelWithEmaTrainer.class);
  }

  @Provides
  @Singleton
  RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.LanguageModelWithEma")
        .setEpochs(4)
        .setBatchSize(16)
        .setSeed(42L)
        .setClasses(256)
        .optSequenceLength(128)
        .optTraits(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD)
        .optSpeedups("Ema", "GradientClipping", "LabelSmoothing", "DecoupledWeightDecay", "ScaleSchedule")
        .build();
  }

  @Provides
  @Singleton
  ParameterUpdater optimizer() {
    return new AdamWOptimizer(LanguageModelWithEma.class.getAnnotation(AdamW.class));
  }

  @Provides
  @Singleton
  LrSchedule schedule() {
    return new CosineSchedule(LanguageModelWithEma.class.getAnnotation(CosineLr.class));
  }

  @Provides
  @Named("model")
  Block model(LanguageModelWithEma pipeline, Models models) {
    return pipeline.model(models);
  }

  @Provides
  @Named("train")
  Dataset train(LanguageModelWithEma pipeline) {
    return pipeline.train();
  }

  @Provides
  @Named("eval")
  Dataset eval(LanguageModelWithEma pipeline) {
    return pipeline.eval();
  }

  @Provides
  EmaMethod ema() {
    return new EmaMethod(LanguageModelWithEma.class.getAnnotation(Ema.class));
  }

  @Provides
  GradientClippingMethod gradientClipping() {
    return new GradientClippingMethod(LanguageModelWithEma.class.getAnnotation(GradientClipping.class));
  }

  @Provides
  LabelSmoothingMethod labelSmoothing() {
    return new LabelSmoothingMethod(LanguageModelWithEma.class.getAnnotation(LabelSmoothing.class));
  }

  @Provides
  DecoupledWeightDecayMethod decoupledWeightDecay(ParameterUpdater parameterUpdater,
      LrSchedule lrSchedule) {
    return new DecoupledWeightDecayMethod(LanguageModelWithEma.class.getAnnotation(DecoupledWeightDecay.class), parameterUpdater, lrSchedule);
  }

  @Provides
  ScaleScheduleMethod scaleSchedule() {
    return new ScaleScheduleMethod(LanguageModelWithEma.class.getAnnotation(ScaleSchedule.class));
  }
}
