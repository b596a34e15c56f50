package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A split of images that batches are gathered from by index, DJL-style: the arrays are created on
 * the manager given (and so on its device), as {@code Dataset.get(manager, index)} does for one
 * record. The pixels come as they are stored, unsigned bytes; {@link Normalisation} turns them into
 * the model's float input on the device.
 *
 * <p>{@link #readImages} is the same gather into host memory, without the engine: the loop's
 * background reader calls it off the training thread. A test may wrap a source to slow or break
 * that reader, delegating every method.
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

  /**
   * The images at {@code indices}, in that order, into {@code into} from its position on, {@code
   * C·H·W} bytes each (channel-major), as {@link #gatherImages} would hold them. Safe to call from
   * any thread, concurrently with the other methods.
   *
   * @throws IOException if the images cannot be read (a file truncated or gone)
   */
  void readImages(long[] indices, ByteBuffer into) throws IOException;

  /** The label of image {@code index}. */
  int label(long index);

  /**
   * What tells these images from others of the same count (for a cache, the key of the folder
   * contents it was built from); a checkpoint records it so that a run resumes on the same data.
   */
  String fingerprint();

  /** The images left out as unreadable when the source was made. */
  default long skippedImages() {
    return 0;
  }
}
