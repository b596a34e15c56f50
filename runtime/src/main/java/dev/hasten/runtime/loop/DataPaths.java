package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Dataset;
import dev.hasten.runtime.data.ImageSourceDataset;
import dev.hasten.runtime.data.TextDataset;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * Chooses where a run's splits live while it trains: resident on the device when they fit the data
 * memory budget, else streamed from their image caches.
 *
 * <p>Only splits that can be streamed count against the budget: those of an image folder ({@link
 * ImageSourceDataset}), costed at what they would take resident ({@link
 * ImageSourceDataset#residentBytes}: float32 images and int64 labels). If the training and
 * evaluation splits together fit, both are made resident; if not, both are streamed, so the run's
 * memory is bounded by the budget and the readers' queues, not by the data set. Splits already in
 * memory (Fashion-MNIST's IDX files, any other DJL {@link Dataset}) stay resident. Text ({@link
 * TextDataset}) is read as windows made from the corpus bytes when asked for ({@link WindowData}).
 */
final class DataPaths {
  /** The default budget's share of the machine's physical memory. */
  static final double DEFAULT_SHARE = 0.25;

  /** The training and evaluation splits as the run reads them; {@code eval} may be null. */
  record Chosen(SplitData train, SplitData eval) {
    /** {@code streamed} if either split is streamed, else {@code resident}. */
    SplitData.Residency residency() {
      boolean streamed =
          train.residency() == SplitData.Residency.STREAMED
              || (eval != null && eval.residency() == SplitData.Residency.STREAMED);
      return streamed ? SplitData.Residency.STREAMED : SplitData.Residency.RESIDENT;
    }

    /** Images left out as unreadable from both splits. */
    long skippedImages() {
      return train.skippedImages() + (eval == null ? 0 : eval.skippedImages());
    }
  }

  private DataPaths() {}

  /** A quarter of the physical memory, or 1 GiB where the JVM cannot tell it. */
  static long defaultBudget() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      long total = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
      if (total > 0) {
        return (long) (total * DEFAULT_SHARE);
      }
    }
    return 1L << 30;
  }

  /**
   * Opens {@code train} and {@code eval} (may be null) resident on {@code manager}'s device, or
   * streamed if those that can be streamed take more than {@code budget} bytes resident; says so on
   * {@code messages} when it streams.
   */
  static Chosen choose(
      Dataset train, Dataset eval, NDManager manager, long budget, PrintStream messages) {
    long cost = residentCost(train) + residentCost(eval);
    boolean stream = cost > budget;
    if (stream) {
      messages.printf(
          Locale.ROOT,
          "hasten: the image splits take %s resident, over the data memory budget of %s;"
              + " streaming them from their caches%n",
          size(cost),
          size(budget));
    }
    SplitData trainData = open(train, manager, stream);
    try {
      SplitData evalData = eval == null ? null : open(eval, manager, stream);
      return new Chosen(trainData, evalData);
    } catch (RuntimeException e) {
      trainData.close();
      throw e;
    }
  }

  private static long residentCost(Dataset dataset) {
    return dataset instanceof ImageSourceDataset
        ? ((ImageSourceDataset) dataset).residentBytes()
        : 0;
  }

  private static SplitData open(Dataset dataset, NDManager manager, boolean stream) {
    if (dataset instanceof TextDataset) {
      return new WindowData((TextDataset) dataset);
    }
    if (stream && dataset instanceof ImageSourceDataset) {
      ImageSourceDataset images = (ImageSourceDataset) dataset;
      return new StreamedData(images.source(), images.normalisation());
    }
    return ResidentData.of(dataset, manager);
  }

  /** {@code bytes} in KiB below 1 MiB, in GiB from 10 GiB on, else in MiB; one decimal. */
  static String size(long bytes) {
    double kib = bytes / 1024.0;
    if (kib < 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", kib);
    }
    double mib = kib / 1024;
    return mib >= 10 * 1024
        ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(Locale.ROOT, "%.1f MiB", mib);
  }
}
