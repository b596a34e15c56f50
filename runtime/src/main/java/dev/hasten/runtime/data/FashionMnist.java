package dev.hasten.runtime.data;

import dev.hasten.dsl.Split;
import java.util.List;

/** Facts about Fashion-MNIST (Xiao, Rasul, Vollgraf 2017) that the data package relies on. */
public final class FashionMnist {
  /**
   * Ten classes: T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, boot.
   */
  public static final int CLASSES = 10;

  /** The classes' names, by label, as the data set's authors name them. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  public static final int HEIGHT = 28;
  public static final int WIDTH = 28;

  /**
   * Mean and standard deviation of the training pixels scaled to [0, 1], over all 60,000 training
   * images (the values every Fashion-MNIST tutorial uses; computed as {@code x.mean()} and {@code
   * x.std()} of {@code train-images / 255}: 0.2860, 0.3530). The test split is normalised with the
   * training statistics, as it must be.
   */
  public static final float MEAN = 0.2860f;

  public static final float STD = 0.3530f;

  /** The Debian package {@code dataset-fashion-mnist} installs the files here. */
  public static final String SYSTEM_FOLDER = "/usr/share/datasets/fashion-mnist";

  /** Class-path folder of the embedded subset, written by scripts/make-embedded-subset.py. */
  static final String SUBSET_RESOURCE = "/dev/hasten/runtime/data/fashion-mnist-subset/";

  static final int SUBSET_TRAIN_SIZE = 6_000;
  static final int SUBSET_TEST_SIZE = 1_000;

  private FashionMnist() {}

  /** The image file of a split, e.g. {@code train-images-idx3-ubyte.gz}. */
  public static String imageFile(Split split) {
    return prefix(split) + "-images-idx3-ubyte.gz";
  }

  /** The label file of a split, e.g. {@code train-labels-idx1-ubyte.gz}. */
  public static String labelFile(Split split) {
    return prefix(split) + "-labels-idx1-ubyte.gz";
  }

  /** All four file names, in the order messages list them. */
  public static List<String> files() {
    return List.of(
        imageFile(Split.TRAIN),
        labelFile(Split.TRAIN),
        imageFile(Split.TEST),
        labelFile(Split.TEST));
  }

  private static String prefix(Split split) {
    return split == Split.TRAIN ? "train" : "t10k";
  }
}
