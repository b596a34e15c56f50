package test;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;

@SuppressWarnings("hasten:cost")
@Pipeline(epochs = 4, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@AdamW(lr = 1e-3, beta2 = 0.99, weightDecay = 0.1)
@LinearLr(warmupFraction = 0.1)
@Swa(start = 0.6, end = 0.9)
@Sam(rho = 0.05, interval = 2)
@LayerFreezing(freezeStart = 0.5, freezeLevel = 0.5)
public class LanguageModelWithSwaAndSam extends TextData {}
