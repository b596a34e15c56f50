package dev.hasten.dsl;

/** How {@code @ProgressiveResizing} makes a batch smaller (Composer's mode). */
public enum ResizeMode {
  /** Scales the whole image down: every part of it, at a lower resolution. */
  RESIZE,
  /**
   * Cuts a window of the smaller size out of the full-resolution image, at a random place drawn
   * once per batch: part of the image, at full resolution.
   */
  CROP
}
