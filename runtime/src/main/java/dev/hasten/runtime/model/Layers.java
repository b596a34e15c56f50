package dev.hasten.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** Layers as the catalog builds them. */
final class Layers {
  private Layers() {}

  /**
   * A square {@code kernel × kernel} convolution with "same" padding and no bias: the BatchNorm
   * that always follows has its own shift, which makes a bias redundant.
   */
  static Conv2d conv(int kernel, int filters, int stride) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .setFilters(filters)
        .optBias(false)
        .build();
  }
}
