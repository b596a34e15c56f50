package dev.hasten.samples.faults;

import dev.hasten.dsl.ConstantLr;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.samples.BaselineCnnOnFashion;

/** The baseline with an absurd learning rate: its loss leaves the finite numbers within steps. */
@Pipeline(epochs = 1, batchSize = 64, seed = 3)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 1e9, momentum = 0.9, weightDecay = 0)
@ConstantLr
public class Diverging extends BaselineCnnOnFashion {}
