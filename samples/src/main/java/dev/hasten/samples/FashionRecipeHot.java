package dev.hasten.samples;

import dev.hasten.dsl.*;
import dev.hasten.samples.recipes.FashionHotRecipe;

/**
 * {@link FashionHotRecipe} on ResNet SMALL: SGD with a one-cycle schedule and no weight decay of
 * its own (the recipe brings decoupled decay). The recipe's known costs are acknowledged.
 */
@SuppressWarnings("hasten:cost")
@Pipeline(epochs = 6, batchSize = 256, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.2, momentum = 0.9, weightDecay = 0)
@OneCycleLr(warmupFraction = 0.25)
@FashionHotRecipe
public class FashionRecipeHot extends SmallResNetOnFashion {}
