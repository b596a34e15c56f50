package dev.hasten.dsl.speedup;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * The built-in speedups, beside their annotations: the one list that {@code hasten methods}, the
 * doctor's suggestions, docs/METHODS.md and the compatibility matrix of docs/COMPATIBILITY.md are
 * drawn from. A user-defined speedup needs no entry here: it joins the catalog where a pipeline
 * uses it.
 */
public final class SpeedupCatalog {
  /**
   * The built-in speedups in catalog order, the catalog's groups one after the other: data, model,
   * optimisation and objective, system.
   */
  public static final List<Class<? extends Annotation>> BUILT_IN =
      List.of(
          ProgressiveResizing.class,
          SelectiveBackprop.class,
          MixUp.class,
          CutMix.class,
          CutOut.class,
          RandomCrop.class,
          HorizontalFlip.class,
          ColOut.class,
          DataPruning.class,
          SeqLengthWarmup.class,
          BlurPool.class,
          SqueezeExcite.class,
          StochasticDepth.class,
          GhostBatchNorm.class,
          Alibi.class,
          GatedLinearUnits.class,
          LayerFreezing.class,
          LabelSmoothing.class,
          Ema.class,
          Swa.class,
          Sam.class,
          GradientClipping.class,
          ScaleSchedule.class,
          DecoupledWeightDecay.class,
          MixedPrecision.class,
          LowPrecisionLayerNorm.class);

  private SpeedupCatalog() {}
}
