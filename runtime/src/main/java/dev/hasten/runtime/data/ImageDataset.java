package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import dev.hasten.runtime.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole split of an image-classification data set, resident on one device: the images as one
 * normalised float32 NCHW tensor and the labels as one int64 tensor. A batch is then an index
 * gather on the device, never per-item Java work.
 *
 * <p>It is a DJL {@link ArrayDataset}, so a hand-written DJL loop ({@code Trainer.iterateDataset})
 * reads the very same arrays; {@link #withSampling} gives a view with another batch size or order
 * that shares them. The arrays belong to the manager they were created in: closing that manager
 * frees them for every view.
 */
public final class ImageDataset extends ArrayDataset {
  private final NDArray images;
  private final NDArray labels;
  private final int classes;
  private final List<String> classNames;
  private final Normalisation normalisation;

  private ImageDataset(
      NDArray images,
      NDArray labels,
      List<String> classNames,
      Normalisation normalisation,
      Sampler sampler) {
    super(new ArrayDataset.Builder().setData(images).optLabels(labels).setSampling(sampler));
    this.images = images;
    this.labels = labels;
    this.classes = classNames.size();
    this.classNames = List.copyOf(classNames);
    this.normalisation = normalisation;
  }

  /** Arrays already normalised on their device, with their classes and normalisation. */
  static ImageDataset of(
      NDArray images,
      NDArray labels,
      List<String> classNames,
      Normalisation normalisation,
      Sampler sampler) {
    return new ImageDataset(images, labels, classNames, normalisation, sampler);
  }

  /**
   * As {@link #fromIdx(IdxImages, IdxLabels, List, float, float, NDManager, Sampler)}, the classes
   * named "0", "1", ….
   */
  public static ImageDataset fromIdx(
      IdxImages images,
      IdxLabels labels,
      int classes,
      float mean,
      float std,
      NDManager manager,
      Sampler sampler) {
    return fromIdx(images, labels, numberedClasses(classes), mean, std, manager, sampler);
  }

  /** "0" to "classes − 1". */
  public static List<String> numberedClasses(int classes) {
    List<String> names = new ArrayList<>(classes);
    for (int i = 0; i < classes; i++) {
      names.add(Integer.toString(i));
    }
    return names;
  }

  /**
   * Uploads images and labels read from IDX files to {@code manager}'s device and normalises the
   * images there: {@code (x / 255 − mean) / std}.
   *
   * <p>One bulk upload per array, and the conversion runs as three tensor operations on the device,
   * so building even the full 60,000-image split takes a fraction of a second.
   *
   * @param classNames the classes' names, by label; every label must be below their count
   * @param sampler the DJL sampling of the returned dataset (see {@link #withSampling})
   * @throws InvalidInputException if the counts differ or a label is out of range
   */
  public static ImageDataset fromIdx(
      IdxImages images,
      IdxLabels labels,
      List<String> classNames,
      float mean,
      float std,
      NDManager manager,
      Sampler sampler) {
    if (images.count() != labels.count()) {
      throw new InvalidInputException(
          String.format(
              "%s holds %d images but %s holds %d labels; they must be of one split",
              images.source(), images.count(), labels.source(), labels.count()));
    }
    int classes = classNames.size();
    requireLabelsBelow(labels, classes);
    Shape shape = new Shape(images.count(), 1, images.rows(), images.cols());
    NDArray pixels = manager.create(direct(images.pixels()), shape, DataType.UINT8);
    NDArray rawLabels =
        manager.create(direct(labels.labels()), new Shape(labels.count()), DataType.UINT8);
    Normalisation normalisation = Normalisation.of(mean, std);
    NDArray normalised = normalisation.apply(pixels);
    NDArray longLabels = rawLabels.toType(DataType.INT64, false);
    pixels.close();
    rawLabels.close();
    return new ImageDataset(normalised, longLabels, classNames, normalisation, sampler);
  }

  /**
   * Uploads a cached split to {@code manager}'s device and normalises it there per channel ({@link
   * Normalisation#apply}): one bulk copy from the memory-mapped cache, no decoding.
   *
   * @param normalisation the training split's statistics
   * @param sampler the DJL sampling of the returned dataset (see {@link #withSampling})
   */
  public static ImageDataset fromCache(
      CachedImages cached, Normalisation normalisation, NDManager manager, Sampler sampler) {
    NDArray images;
    try (NDArray pixels = cached.allImages(manager)) {
      images = normalisation.apply(pixels);
    }
    NDArray labels = cached.allLabels(manager);
    return new ImageDataset(images, labels, cached.classNames(), normalisation, sampler);
  }

  private static void requireLabelsBelow(IdxLabels labels, int classes) {
    for (int i = 0; i < labels.count(); i++) {
      if (labels.label(i) >= classes) {
        throw new InvalidInputException(
            String.format(
                "%s holds label %d at index %d, but the data set has %d classes (0 to %d)",
                labels.source(), labels.label(i), i, classes, classes - 1));
      }
    }
  }

  /** Native code reads a direct buffer in place; a heap array would be copied once more. */
  private static ByteBuffer direct(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).rewind();
    return buffer;
  }

  /**
   * A view of the same arrays with another DJL sampling, e.g. for {@code Trainer.iterateDataset}.
   *
   * @param batchSize examples per batch
   * @param shuffle whether each pass visits the examples in a new random order
   */
  public ImageDataset withSampling(int batchSize, boolean shuffle) {
    return withSampling(batchSampler(batchSize, shuffle));
  }

  /**
   * DJL's batch sampler, as {@code setSampling(batchSize, shuffle)} makes it: in order or in a new
   * random order each pass, keeping the last, smaller batch.
   */
  public static Sampler batchSampler(int batchSize, boolean shuffle) {
    Sampler.SubSampler order = shuffle ? new RandomSampler() : new SequenceSampler();
    return new BatchSampler(order, batchSize, false);
  }

  /** A view of the same arrays with the given DJL sampler. */
  public ImageDataset withSampling(Sampler sampler) {
    return new ImageDataset(images, labels, classNames, normalisation, sampler);
  }

  /** All images, normalised, float32 {@code [size, channels, height, width]}. */
  public NDArray images() {
    return images;
  }

  /** All labels, int64 {@code [size]}, each in {@code [0, classes)}. */
  public NDArray labels() {
    return labels;
  }

  /** The number of classes. */
  public int classes() {
    return classes;
  }

  /** The classes' names, by label. */
  public List<String> classNames() {
    return classNames;
  }

  /** How the images were normalised from their pixels. */
  public Normalisation normalisation() {
    return normalisation;
  }

  /** The shape of one image, {@code [channels, height, width]}. */
  public Shape imageShape() {
    return images.getShape().slice(1);
  }

  /** The sampling of this view. */
  public Sampler sampler() {
    return sampler;
  }
}
