package test;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.processor.fixtures.GptData;

@SuppressWarnings("hasten:cost")
@Pipeline(epochs = 2, batchSize = 64)
@LanguageModeling(sequenceLength = 128)
@AdamW
@SelectiveBackprop
public class SelectiveBackpropOnLanguageModel extends GptData {}
