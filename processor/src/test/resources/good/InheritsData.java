package test;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;

/** Inherits its model and data. */
@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@LabelSmoothing(0.1)
public class InheritsData extends FashionData {}
