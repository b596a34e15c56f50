package dev.hasten.dsl;

/** Sizes of the residual networks in the model catalog, for small (28×28 to 32×32) images. */
public enum ResNetSize {
  /** Three stages of one basic block each: 16, 32, 64 channels. */
  TINY,
  /** Three stages of one basic block each: 32, 64, 128 channels. */
  SMALL,
  /** Three stages of two basic blocks each: 32, 64, 128 channels. */
  MEDIUM
}
