package dev.hasten.runtime.loop.stage;

import ai.djl.nn.Block;
import dev.hasten.runtime.loop.RunSpec;

/** {@code Stage.MODEL_SURGERY}: rewrites the Block tree once, before initialisation. */
public interface ModelSurgery {
  Block apply(Block model, RunSpec spec);
}
