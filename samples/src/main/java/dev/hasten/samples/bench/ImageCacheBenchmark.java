package dev.hasten.samples.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.data.CachedImages;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxReader;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.ImageFile;
import dev.hasten.runtime.data.ImageFolderData;
import dev.hasten.runtime.data.ImageFolderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times the decoded cache on an image folder of Fashion-MNIST ({@code
 * scripts/write-fashion-pngs.py}): per round, in a fresh cache folder, the first use (scan, decode
 * every image on all cores, write the two caches), then a second use (scan, key, checksum of the
 * whole cache, map: what every later run pays), then the upload of the mapped training split to the
 * CPU as normalised float32, the resident path. The first round also checks that the cached
 * training pixels are the IDX file's, image for image.
 *
 * <p>Run: {@code ./hasten-bench ImageCacheBenchmark DIR [rounds] [IDX_DIR]} (see
 * docs/BENCHMARKS.md).
 */
public final class ImageCacheBenchmark {
  private ImageCacheBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ImageCacheBenchmark DIR [rounds] [IDX_DIR]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path idx = Path.of(args.length > 2 ? args[2] : "/usr/share/datasets/fashion-mnist");
    System.out.printf(
        Locale.ROOT,
        "%d cores%n| round | first use: images/s | second use: ms (images/s) | resident upload of train: ms |%n|---|---|---|---|%n",
        Runtime.getRuntime().availableProcessors());
    for (int round = 1; round <= rounds; round++) {
      Path cache = Files.createTempDirectory("hasten-cache-bench");
      try {
        ImageFolderOptions options =
            ImageFolderOptions.builder()
                .setImageShape(1, 28, 28)
                .optClasses(10)
                .optCacheFolder(cache)
                .build();
        long t0 = System.nanoTime();
        ImageFolderData first = ImageFolderData.open(folder, options);
        long images = first.split(Split.TRAIN).size() + first.split(Split.TEST).size();
        long t1 = System.nanoTime();
        ImageFolderData second = ImageFolderData.open(folder, options);
        CachedImages train = second.split(Split.TRAIN);
        second.split(Split.TEST);
        long t2 = System.nanoTime();
        double uploadMs;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
          long t3 = System.nanoTime();
          ImageDataset resident =
              ImageDataset.fromCache(
                  train, second.normalisation(), manager, ImageDataset.batchSampler(128, true));
          resident.images().getFloat(0, 0, 0, 0); // the upload is done when a value can be read
          uploadMs = (System.nanoTime() - t3) / 1e6;
          if (round == 1 && Files.isDirectory(idx)) {
            checkAgainstIdx(second, train, idx, manager);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %d | %,.0f | %.0f (%,.0f) | %.0f |%n",
            round,
            images / ((t1 - t0) / 1e9),
            (t2 - t1) / 1e6,
            images / ((t2 - t1) / 1e9),
            uploadMs);
      } finally {
        try (Stream<Path> files = Files.walk(cache)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** Every cached training image equals the IDX image its file name numbers. */
  private static void checkAgainstIdx(
      ImageFolderData data, CachedImages train, Path idx, NDManager manager) {
    IdxImages images = IdxReader.readImages(idx.resolve("train-images-idx3-ubyte.gz"));
    List<ImageFile> files = data.layout().files(Split.TRAIN);
    if (files.size() != train.size()) {
      throw new IllegalStateException(
          files.size() + " files but " + train.size() + " cached images");
    }
    int size = images.imageBytes();
    for (int start = 0; start < files.size(); start += 1000) {
      int n = Math.min(1000, files.size() - start);
      long[] indices = new long[n];
      for (int i = 0; i < n; i++) {
        indices[i] = start + i;
      }
      try (NDArray batch = train.gatherImages(manager, indices)) {
        byte[] cached = batch.toByteArray();
        for (int i = 0; i < n; i++) {
          String name = files.get(start + i).path().getFileName().toString();
          int number = Integer.parseInt(name.substring(0, name.indexOf('.')));
          if (!Arrays.equals(
              cached,
              i * size,
              (i + 1) * size,
              images.pixels(),
              number * size,
              (number + 1) * size)) {
            throw new IllegalStateException(
                "cached image " + (start + i) + " differs from IDX image " + number);
          }
        }
      }
    }
    System.out.println("(the " + files.size() + " cached training images equal the IDX file's)");
  }
}
