package test;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.processor.fixtures.GptData;

@Pipeline(epochs = 2, batchSize = 64)
@LanguageModeling(sequenceLength = 128)
@AdamW
@ProgressiveResizing
public class ProgressiveResizingOnLanguageModel extends GptData {}
