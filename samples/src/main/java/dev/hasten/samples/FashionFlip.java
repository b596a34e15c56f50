package dev.hasten.samples;

import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.samples.custom.MirrorImages;

/**
 * The baseline with a user-defined speedup ({@link MirrorImages}) next to a built-in one: nothing
 * in the processor or the runtime knows either by name.
 */
@Pipeline(epochs = 8, batchSize = 128, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@MirrorImages(probability = 0.5)
@LabelSmoothing(0.1)
public class FashionFlip extends BaselineCnnOnFashion {}
