package test;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;

/** Weight decay comes from @DecoupledWeightDecay alone, so AdamW's own is 0. */
@Pipeline(epochs = 4, batchSize = 16)
@LanguageModeling(sequenceLength = 128, vocabulary = 256)
@AdamW(lr = 1e-3, beta2 = 0.99, weightDecay = 0)
@CosineLr(warmupFraction = 0.05)
@Ema(halfLifeSteps = 50, start = 0.25)
@GradientClipping(clippingThreshold = 1.0)
@LabelSmoothing(value = 0.1)
@DecoupledWeightDecay(weightDecay = 0.1)
@ScaleSchedule(ratio = 0.5)
public class LanguageModelWithEma extends TextData {}
