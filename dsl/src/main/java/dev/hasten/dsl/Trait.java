package dev.hasten.dsl;

/** What a model contains; speedups that rewrite or rely on a part require its trait. */
public enum Trait {
  CONV2D,
  BATCH_NORM,
  MAX_POOL,
  RESIDUAL,
  /** A head that accepts any input size, e.g. global average pooling before the classifier. */
  GLOBAL_POOL,
  DROPOUT,
  /** Self-attention, e.g. a transformer's multi-head attention. */
  ATTENTION,
  LAYER_NORM,
  /** A position-wise feed-forward block, e.g. a transformer's MLP. */
  FEED_FORWARD
}
