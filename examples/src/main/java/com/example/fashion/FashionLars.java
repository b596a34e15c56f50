package com.example.fashion;

import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Pipeline;

/**
 * {@link FashionNoisy}'s model and data, trained with this project's own optimizer ({@link Lars})
 * and schedule ({@link PolyLr}) in place of the built-in ones: it inherits its {@code @Model},
 * {@code @TrainData} and {@code @EvalData} methods.
 */
@Pipeline(epochs = 4, batchSize = 128, seed = 7)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Lars(lr = 2.0, trust = 0.001, weightDecay = 5e-4)
@PolyLr(power = 2)
public class FashionLars extends FashionNoisy {}
