package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A split of images that batches are gathered from by index, DJL-style: the arrays are created on
 * the manager given (and so on its device), as {@code Dataset.get(manager, index)} does for one
 * record. The pixels come as they are stored, unsigned bytes; {@link Normalisation} turns them
 * into the model's float input on the device.
 */
public interface ImageSource {
  /** The number of images. */
  long size();

  /** One image's shape, {@code [channels, height, width]}. */
  Shape imageShape();

  /** The class names; a label is an index into this list. */
  List<String> classNames();

  /** The images at {@code indices}, in that order: uint8 {@code [n, channels, height, width]}. */
  NDArray gatherImages(NDManager manager, long[] indices);

  /** The labels at {@code indices}, in that order: int64 {@code [n]}. */
  NDArray gatherLabels(NDManager manager, long[] indices);
}
