package dev.hasten.runtime.data;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Sampler;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The data sets a pipeline's {@code @TrainData} and {@code @EvalData} methods receive:
 * Fashion-MNIST ({@link #fashionMnist}), the image folder that {@code --data} names ({@link
 * #images}, read through its decoded cache; docs/DATA.md), or text for a language model ({@link
 * #kjv}, {@link #text}; {@link TextDataset}).
 *
 * <p>Each Fashion-MNIST split is read once, uploaded to the device of the manager given here, and
 * cached, so asking twice costs nothing and every caller shares the same arrays. An image folder's
 * split is read through its decoded cache and left there: the run decides whether it is made
 * resident or streamed (docs/DATA.md). Where the files come from is decided by a {@link
 * DataLocation} on first use; {@link #source()} says it in one line.
 *
 * <p>The returned datasets sample {@code batchSize} examples per batch, shuffled for {@link
 * Split#TRAIN} and in order for {@link Split#TEST}; {@link ImageDataset#withSampling} gives other
 * views of the same arrays. {@link #close()} frees the arrays of every split.
 */
public final class Datasets implements AutoCloseable {
  /** The batch size of the returned datasets when none is given (the default of @Pipeline). */
  public static final int DEFAULT_BATCH_SIZE = 128;

  // The fallback notice is said once per process, however many runs it starts.
  private static final AtomicBoolean NOTICE_GIVEN = new AtomicBoolean();

  private final DataLocation location;
  private final NDManager manager;
  private final int batchSize;
  private final Map<Split, ImageDataset> cache = new EnumMap<>(Split.class);
  private final Map<Split, ImageSourceDataset> folderCache = new EnumMap<>(Split.class);
  private final ImageFolderOptions imageOptions;
  private DataSource source;
  private ImageFolderData folder;

  /**
   * @param location where to look for the files
   * @param manager the arrays are created in a sub-manager of it, on its device
   */
  public Datasets(DataLocation location, NDManager manager) {
    this(location, manager, DEFAULT_BATCH_SIZE);
  }

  /**
   * @param location where to look for the files
   * @param manager the arrays are created in a sub-manager of it, on its device
   * @param batchSize the batch size of the returned datasets' DJL sampling
   */
  public Datasets(DataLocation location, NDManager manager, int batchSize) {
    this(location, manager, batchSize, null);
  }

  /**
   * @param location where to look for the files; {@link #images} reads the folder it names
   * @param manager the arrays are created in a sub-manager of it, on its device
   * @param batchSize the batch size of the returned datasets' DJL sampling
   * @param imageOptions how {@link #images} reads an image folder (the pipeline's training size and
   *     classes); null if this run reads no image folder
   */
  public Datasets(
      DataLocation location, NDManager manager, int batchSize, ImageFolderOptions imageOptions) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.location = location;
    this.manager = manager.newSubManager();
    this.batchSize = batchSize;
    this.imageOptions = imageOptions;
  }

  /**
   * Fashion-MNIST's split, normalised with the training mean and standard deviation ({@link
   * FashionMnist#MEAN}, {@link FashionMnist#STD}).
   *
   * @throws InvalidInputException if the files are missing, malformed, or not Fashion-MNIST's shape
   */
  public synchronized ImageDataset fashionMnist(Split split) {
    ImageDataset cached = cache.get(split);
    if (cached != null) {
      return cached;
    }
    DataSource from = resolvedSource();
    // Labels first: one byte per example, so their count bounds the images' before any pixel is
    // inflated (IdxReader).
    IdxLabels labels = from.readLabels(FashionMnist.labelFile(split));
    IdxImages images = from.readImages(FashionMnist.imageFile(split), labels);
    requireFashionMnistShape(images);
    Sampler sampler = ImageDataset.batchSampler(batchSize, split == Split.TRAIN);
    ImageDataset dataset =
        ImageDataset.fromIdx(
            images,
            labels,
            FashionMnist.CLASS_NAMES,
            FashionMnist.MEAN,
            FashionMnist.STD,
            manager,
            sampler);
    cache.put(split, dataset);
    return dataset;
  }

  /**
   * A split of the image folder that {@code --data} names ({@link ImageFolderLayout} says how it is
   * laid out and split), at the pipeline's training size, normalised per channel with the training
   * split's mean and standard deviation. The images are read through the folder's decoded cache
   * ({@link ImageFolderData}): the first use decodes them once, later runs read the cache. Nothing
   * is uploaded here: a run makes the split resident on its device when it fits the run's data
   * memory budget, and streams it from the cache when it does not (docs/DATA.md); {@link
   * ImageSourceDataset#resident} uploads it by hand.
   *
   * @throws InvalidInputException if no folder is named, the folder is not an image folder of the
   *     pipeline's class count, or more than 1% of a split's images are unreadable
   */
  public synchronized ImageSourceDataset images(Split split) {
    ImageSourceDataset cached = folderCache.get(split);
    if (cached != null) {
      return cached;
    }
    ImageFolderData data = imageFolder();
    Sampler sampler = ImageDataset.batchSampler(batchSize, split == Split.TRAIN);
    ImageSourceDataset dataset =
        ImageSourceDataset.of(data.split(split), data.normalisation(), sampler);
    folderCache.put(split, dataset);
    return dataset;
  }

  /**
   * A side of the King James Bible for a language model: its training text ({@link Split#TRAIN}),
   * an epoch being the whole of it, or its validation text ({@link Split#TEST}), evaluated on at
   * most {@value TextDataset#DEFAULT_WINDOW_LIMIT} windows. {@link TextDataset#builder()} sets
   * other sizes.
   *
   * @throws InvalidInputException if the installed {@code bible} program fails
   */
  public static TextDataset kjv(Split split) {
    return TextDataset.builder().setSplit(split).build();
  }

  /**
   * A builder for a side of the text {@code --data} names, or of the King James Bible without the
   * flag: what a language model's pipeline reads its text through, as an image pipeline reads its
   * folder through {@link #images}, so that {@code hasten train PIPELINE --data FILE} trains it on
   * that file with the pipeline's own windows, tokens per epoch and tokenizer. The flag's file
   * stays the run's identity in checkpoints, as any text does.
   *
   * @throws InvalidInputException if {@code --data} names something other than a text file
   */
  public TextDataset.Builder textBuilder(Split split) {
    TextDataset.Builder builder = TextDataset.builder().setSplit(split);
    location.textFile().ifPresent(builder::optFile);
    return builder;
  }

  /**
   * A side of the text in {@code file}, split as the King James Bible is (docs/DATA.md).
   *
   * @throws InvalidInputException if the file is missing, unreadable, or too short to split
   */
  public static TextDataset text(Path file, Split split) {
    return TextDataset.builder().setSplit(split).optFile(file).build();
  }

  /**
   * The image folder behind {@link #images}, for readers that gather batches from its cache rather
   * than hold a split resident.
   */
  public synchronized ImageFolderData imageFolder() {
    if (folder == null) {
      if (imageOptions == null) {
        throw new IllegalStateException(
            "these Datasets were made without image folder options (the training size)");
      }
      folder = ImageFolderData.open(location.imageFolder(), imageOptions);
    }
    return folder;
  }

  /**
   * A split of the IDX files at {@code location}, its classes named and its images normalised as
   * given (evaluating an exported model on the data it describes), uncached, sampled in order.
   *
   * @throws InvalidInputException if the files are missing or malformed, or a label is not below
   *     the number of classes
   */
  public static ImageDataset idxSplit(
      DataLocation location,
      Split split,
      List<String> classNames,
      Normalisation normalisation,
      NDManager manager) {
    DataSource from = location.resolve();
    from.notice().ifPresent(System.err::println);
    IdxLabels labels = from.readLabels(FashionMnist.labelFile(split));
    IdxImages images = from.readImages(FashionMnist.imageFile(split), labels);
    if (images.count() == 0) {
      throw new InvalidInputException(images.source() + " holds no images");
    }
    float[][] norm = normalisation.perChannel(1);
    return ImageDataset.fromIdx(
        images,
        labels,
        classNames,
        norm[0][0],
        norm[1][0],
        manager,
        ImageDataset.batchSampler(DEFAULT_BATCH_SIZE, false));
  }

  /** One line naming where the data comes from, for the run summary. */
  public synchronized String source() {
    return resolvedSource().description();
  }

  private DataSource resolvedSource() {
    if (source == null) {
      source = location.resolve();
      source
          .notice()
          .filter(notice -> NOTICE_GIVEN.compareAndSet(false, true))
          .ifPresent(System.err::println);
    }
    return source;
  }

  private static void requireFashionMnistShape(IdxImages images) {
    if (images.count() == 0) {
      throw new InvalidInputException(images.source() + " holds no images");
    }
    if (images.rows() != FashionMnist.HEIGHT || images.cols() != FashionMnist.WIDTH) {
      throw new InvalidInputException(
          String.format(
              "%s holds images of %dx%d; Fashion-MNIST images are %dx%d",
              images.source(),
              images.rows(),
              images.cols(),
              FashionMnist.HEIGHT,
              FashionMnist.WIDTH));
    }
  }

  /** Frees the arrays of every split read so far and closes the image caches' files. */
  @Override
  public synchronized void close() {
    cache.clear();
    folderCache.clear();
    if (folder != null) {
      folder.close();
    }
    manager.close();
  }
}
