package dev.hasten.runtime.model;

import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A model the {@link Models} catalog built, which remembers the call that built it, so that an
 * exported model can be built again from its description alone, without the pipeline class. It is a
 * plain {@link SequentialBlock} in every other way: model surgery edits it in place and its
 * parameters save and load as a SequentialBlock's.
 */
public final class CatalogBlock extends SequentialBlock {
  private final String method;
  private final List<Object> arguments;

  CatalogBlock(String method, Object... arguments) {
    this.method = method;
    this.arguments = List.of(arguments);
  }

  /** The {@link Models} method that built this model, e.g. {@code resNet}. */
  public String method() {
    return method;
  }

  /** Its arguments, in order: enums, ints and doubles. */
  public List<Object> arguments() {
    return arguments;
  }
}
