package test;

import dev.hasten.dsl.*;
import dev.hasten.processor.fixtures.GptData;

@Pipeline(epochs = 2, batchSize = 64)
@LanguageModeling(
    sequenceLength = 0,
    vocabulary = 256)
public class ZeroSequenceLength extends GptData {}
