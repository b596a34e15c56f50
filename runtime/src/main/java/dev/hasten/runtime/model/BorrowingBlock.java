package dev.hasten.runtime.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A {@link Block} that computes with parameters another block of the model owns: tied weights, such
 * as {@link TiedLogits}' use of the token embedding. DJL lists a parameter under its owner only, so
 * code that walks a model's layers (layer freezing) learns here which layers use it too.
 */
public interface BorrowingBlock extends Block {
  /** The parameters this block reads that another block owns. */
  List<Parameter> borrowedParameters();
}
