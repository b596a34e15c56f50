package test;

import dev.hasten.dsl.*;
import dev.hasten.processor.fixtures.LibraryData;

/** Inherits its model and data from a class of a library, in another package. */
@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
public class InheritsFromLibrary extends LibraryData {}
