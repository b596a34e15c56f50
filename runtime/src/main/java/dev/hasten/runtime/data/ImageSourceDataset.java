package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.Progress;
import java.util.List;

/**
 * A split of images left where they are ({@link ImageSource}, e.g. an image cache) until a run
 * decides how to read it: whole onto the device ({@link #resident}) when it fits the run's memory
 * budget, else batch by batch as the loop streams it. {@link Datasets#images} returns one.
 *
 * <p>It is a DJL {@link RandomAccessDataset}, so a hand-written DJL loop reads it too: a record is
 * one image, normalised float32 {@code [channels, height, width]}, and its int64 label.
 */
public final class ImageSourceDataset extends RandomAccessDataset {
  private final ImageSource source;
  private final Normalisation normalisation;

  private ImageSourceDataset(Builder builder) {
    super(builder);
    this.source = builder.source;
    this.normalisation = builder.normalisation;
  }

  /**
   * The images of {@code source}, normalised with {@code normalisation} (the training split's),
   * sampled by {@code sampler}.
   */
  public static ImageSourceDataset of(
      ImageSource source, Normalisation normalisation, Sampler sampler) {
    Builder builder = new Builder(source, normalisation);
    builder.setSampling(sampler);
    return new ImageSourceDataset(builder);
  }

  /** The images, as stored. */
  public ImageSource source() {
    return source;
  }

  /** How the pixels become the model's input (the training split's statistics). */
  public Normalisation normalisation() {
    return normalisation;
  }

  /** The classes' names, by label. */
  public List<String> classNames() {
    return source.classNames();
  }

  /** The number of classes. */
  public int classes() {
    return source.classNames().size();
  }

  /**
   * The bytes the split takes when resident: its images as float32 and its labels as int64. While
   * they are uploaded the uint8 pixels are held once more, a quarter of the images' bytes.
   */
  public long residentBytes() {
    return source.size() * (source.imageShape().size() * Float.BYTES + Long.BYTES);
  }

  /**
   * The whole split uploaded to {@code manager}'s device and normalised there (one bulk copy from
   * an image cache's mapping; a gather from any other source).
   */
  public ImageDataset resident(NDManager manager) {
    Sampler sampler = ImageDataset.batchSampler(1, false);
    if (source instanceof CachedImages) {
      return ImageDataset.fromCache((CachedImages) source, normalisation, manager, sampler);
    }
    long[] all = new long[Math.toIntExact(source.size())];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    NDArray images;
    try (NDArray pixels = source.gatherImages(manager, all)) {
      images = normalisation.apply(pixels);
    }
    return ImageDataset.of(
        images, source.gatherLabels(manager, all), classNames(), normalisation, sampler);
  }

  @Override
  public Record get(NDManager manager, long index) {
    long[] one = {index};
    NDArray image;
    try (NDArray pixels = source.gatherImages(manager, one)) {
      image = normalisation.apply(pixels).squeeze(0);
    }
    NDArray label = source.gatherLabels(manager, one).squeeze(0);
    return new Record(new NDList(image), new NDList(label));
  }

  @Override
  protected long availableSize() {
    return source.size();
  }

  @Override
  public void prepare(Progress progress) {}

  @Override
  public String toString() {
    return source.toString();
  }

  private static final class Builder extends BaseBuilder<Builder> {
    private final ImageSource source;
    private final Normalisation normalisation;

    Builder(ImageSource source, Normalisation normalisation) {
      this.source = source;
      this.normalisation = normalisation;
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
