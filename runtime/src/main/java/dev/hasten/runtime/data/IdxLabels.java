package dev.hasten.runtime.data;

/**
 * The labels of one IDX label file ({@code idx1-ubyte}): one unsigned byte per example.
 *
 * @param source the file's name as messages should show it
 * @param labels one byte per example; read with {@code Byte.toUnsignedInt}; not copied, do not
 *     modify
 */
public record IdxLabels(String source, byte[] labels) {
  public int count() {
    return labels.length;
  }

  /** The label of example {@code index}, 0 to 255. */
  public int label(int index) {
    return Byte.toUnsignedInt(labels[index]);
  }
}
