package test;

import dev.hasten.dsl.*;
import dev.hasten.processor.fixtures.HiddenData;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
public class InheritsHiddenData extends HiddenData {}
