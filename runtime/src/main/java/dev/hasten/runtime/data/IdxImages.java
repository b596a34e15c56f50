package dev.hasten.runtime.data;

/**
 * The images of one IDX image file ({@code idx3-ubyte}): {@code count} grey images of {@code rows ×
 * cols} bytes each, row-major, one after the other, as the file stores them.
 *
 * @param source the file's name as messages should show it
 * @param count the number of images
 * @param rows the height of an image
 * @param cols the width of an image
 * @param pixels {@code count · rows · cols} bytes, 0 (background) to 255; not copied, do not modify
 */
public record IdxImages(String source, int count, int rows, int cols, byte[] pixels) {
  /** Bytes per image. */
  public int imageBytes() {
    return rows * cols;
  }
}
