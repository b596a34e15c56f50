package test;

import dev.hasten.dsl.*;
import dev.hasten.processor.fixtures.GptData;

@Pipeline(epochs = 2, batchSize = 64)
@LanguageModeling(sequenceLength = 128)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
public class LanguageModelingWithImageClassification extends GptData {}
