package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication by a number inside a graph that backward will walk.
 *
 * <p>Why it exists: DJL's PyTorch engine implements {@code NDArray.mul(Number)} by wrapping the
 * number in a direct buffer without copying and closing that array right after the product. The
 * autograd graph keeps the product's operand to compute the gradient, so backward later reads
 * memory the garbage collector may have freed: gradients then depend on when the collector ran (a
 * GPT's runs drifted apart across processes this way). Here the number is an array of {@code x}'s
 * manager, kept until that manager (a step's, an evaluation's) is closed, after backward.
 *
 * <p>Outside a recorded graph (optimizer updates, targets, anything without a gradient) {@code
 * mul(Number)} is safe and stays the simpler choice.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code factor · x}, safe to differentiate; the result has {@code x}'s type. */
  public static NDArray times(NDArray x, double factor) {
    NDArray scalar = x.getManager().create((float) factor);
    if (scalar.getDataType() != x.getDataType()) {
      scalar = scalar.toType(x.getDataType(), false);
    }
    return x.mul(scalar);
  }
}
