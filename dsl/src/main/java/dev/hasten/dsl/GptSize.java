package dev.hasten.dsl;

/**
 * Sizes of the decoder-only transformer (GPT) in the model catalog. The width is split evenly among
 * the heads; the feed-forward is four times as wide.
 */
public enum GptSize {
  /** 4 layers, width 128, 4 heads: a toy that trains on a 2-core CPU. */
  TOY,
  /** 6 layers, width 384, 6 heads: nanoGPT's character-level Shakespeare model. */
  SMALL,
  /** 12 layers, width 768, 12 heads: GPT-2 small's shape, for a GPU. */
  BASE
}
