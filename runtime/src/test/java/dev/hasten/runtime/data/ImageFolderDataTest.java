package dev.hasten.runtime.data;

import static dev.hasten.runtime.data.ImageFolders.classes;
import static dev.hasten.runtime.data.ImageFolders.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.testing.FailingChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded cache: built once, read without decoding, rebuilt when stale or damaged. */
class ImageFolderDataTest {
  @TempDir Path dir;
  private Path images;
  private Path cache;
  private NDManager manager;
  private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

  @BeforeEach
  void open() {
    images = dir.resolve("images");
    cache = dir.resolve("cache");
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ImageFolderOptions options() {
    return ImageFolderOptions.builder()
        .setImageShape(1, 4, 4)
        .optCacheFolder(cache)
        .optMessages(new PrintStream(messages, true, StandardCharsets.UTF_8))
        .build();
  }

  private String messages() {
    String text = messages.toString(StandardCharsets.UTF_8);
    messages.reset();
    return text;
  }

  /** Two classes in train/ and test/: train c0 = 0, 10, 20; c1 = 100, 110, 120; test one each. */
  private void writeSplitFolder() throws IOException {
    for (int i = 0; i < 3; i++) {
      flat(images.resolve("train/c0/" + i + ".png"), 4, 10 * i);
      flat(images.resolve("train/c1/" + i + ".png"), 4, 100 + 10 * i);
    }
    flat(images.resolve("test/c0/t.png"), 4, 5);
    flat(images.resolve("test/c1/t.png"), 4, 105);
  }

  private List<Path> cacheFiles() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theFirstUseBuildsTheCacheAndBatchesGatherFromIt() throws IOException {
    writeSplitFolder();
    CachedImages train = ImageFolderData.open(images, options()).split(Split.TRAIN);

    assertEquals(6, train.size());
    assertEquals(new Shape(1, 4, 4), train.imageShape());
    assertEquals(List.of("c0", "c1"), train.classNames());
    NDArray batch = train.gatherImages(manager, new long[] {4, 0});
    assertEquals(new Shape(2, 1, 4, 4), batch.getShape());
    // Sorted by path: train/c0/0,1,2 then train/c1/0,1,2; index 4 is c1/1 (110), index 0 c0/0 (0).
    assertEquals(110, batch.get(0, 0, 3, 3).getUint8());
    assertEquals(0, batch.get(1, 0, 0, 0).getUint8());
    assertArrayEquals(
        new long[] {1, 0}, train.gatherLabels(manager, new long[] {4, 0}).toLongArray());
    assertTrue(messages().contains("hasten: cached 6 images of " + images.resolve("train")));
    assertEquals(1, cacheFiles().size());
  }

  @Test
  void aCacheMappedInSeveralRegionsGathersAcrossThem() throws IOException {
    // 16 bytes an image, 32 bytes a region: images 0-1, 2-3 and 4-5 are three mappings.
    writeSplitFolder();
    Path file = ImageFolderData.open(images, options()).split(Split.TRAIN).file();
    CachedImages split = ImageCacheFile.open(file, true, 32);

    NDArray batch = split.gatherImages(manager, new long[] {5, 0, 3, 2});
    int[] firstPixels = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
      firstPixels[i] = batch.get(i, 0, 1, 1).getUint8();
    }
    assertArrayEquals(new int[] {120, 0, 100, 20}, firstPixels);
    NDArray all = split.allImages(manager);
    assertEquals(new Shape(6, 1, 4, 4), all.getShape());
    int[] values = new int[6];
    for (int i = 0; i < 6; i++) {
      values[i] = all.get(i, 0, 3, 0).getUint8();
    }
    assertArrayEquals(new int[] {0, 10, 20, 100, 110, 120}, values);
  }

  @Test
  void theTrainingStatisticsAreThePixelsMeanAndStandardDeviation() throws IOException {
    writeSplitFolder();
    Normalisation n = ImageFolderData.open(images, options()).normalisation();
    // Flat images 0, 10, 20, 100, 110, 120: mean 60; E[x²] = 37,000 / 6; variance
    // 37,000 / 6 − 3,600 = 7,700 / 3; std √(7,700 / 3) = 50.662. In [0, 1]: divided by 255.
    assertEquals(60 / 255.0, n.mean()[0], 1e-6);
    assertEquals(Math.sqrt(7700 / 3.0) / 255, n.std()[0], 1e-6);
  }

  @Test
  void laterUsesReadTheCacheAndDecodeNothing() throws IOException {
    writeSplitFolder();
    ImageFolderData.open(images, options()).split(Split.TRAIN);
    messages();
    // Same size and time, other bytes: a decoder would fail on it; the cache does not look.
    Path file = images.resolve("train/c1/1.png");
    FileTime time = Files.getLastModifiedTime(file);
    byte[] garbage = new byte[(int) Files.size(file)];
    Files.write(file, garbage);
    Files.setLastModifiedTime(file, time);

    CachedImages again = ImageFolderData.open(images, options()).split(Split.TRAIN);

    assertEquals(110, again.gatherImages(manager, new long[] {4}).get(0, 0, 0, 0).getUint8());
    assertEquals("", messages());
  }

  @Test
  void aChangedFolderRebuildsTheCache() throws IOException {
    writeSplitFolder();
    ImageFolderData.open(images, options()).split(Split.TRAIN);
    flat(images.resolve("train/c1/3.png"), 4, 130);
    messages();

    CachedImages rebuilt = ImageFolderData.open(images, options()).split(Split.TRAIN);

    assertEquals(7, rebuilt.size());
    String said = messages();
    assertTrue(said.startsWith("hasten: " + images.resolve("train") + " changed since "), said);
    assertEquals(1, cacheFiles().size());
  }

  @Test
  void aDamagedCacheIsRebuiltWithAWarning() throws IOException {
    writeSplitFolder();
    Path file = ImageFolderData.open(images, options()).split(Split.TRAIN).file();
    byte[] bytes = Files.readAllBytes(file);
    bytes[ImageCacheFile.HEAD + 3] ^= 0x40; // a pixel of the first image
    Files.write(file, bytes);
    messages();

    CachedImages rebuilt = ImageFolderData.open(images, options()).split(Split.TRAIN);

    String said = messages();
    assertTrue(
        said.startsWith(
            "hasten: warning: the image cache "
                + file
                + " is unusable: it is damaged (checksum mismatch); rebuilding it"),
        said);
    assertEquals(0, rebuilt.gatherImages(manager, new long[] {0}).get(0, 0, 0, 3).getUint8());
  }

  @Test
  void aTruncatedCacheIsRebuiltWithAWarning() throws IOException {
    writeSplitFolder();
    Path file = ImageFolderData.open(images, options()).split(Split.TRAIN).file();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }
    messages();

    assertEquals(6, ImageFolderData.open(images, options()).split(Split.TRAIN).size());

    String said = messages();
    assertTrue(
        said.contains("hasten: warning: the image cache " + file + " is unusable: it is truncated"),
        said);
  }

  @Test
  void aFullDiskLeavesNoCacheAndNoTemporary() throws IOException {
    writeSplitFolder();
    ImageCacheFile.ChannelOpener fullDisk =
        path ->
            new FailingChannel(
                FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                40);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ImageFolderData.open(images, options(), fullDisk).split(Split.TRAIN));

    assertTrue(e.getMessage().startsWith("cannot write the image cache " + cache), e.getMessage());
    assertTrue(
        e.getMessage().contains("No space left on device; nothing was left behind"),
        e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void aCorruptImageIsSkippedNamedAndCountedAndSaidAgainFromTheCache() throws IOException {
    classes(images, 2, 100);
    Path bad = images.resolve("c1/050.png");
    Files.writeString(bad, "not a png");
    ImageFolderOptions options =
        ImageFolderOptions.builder()
            .setImageShape(1, 4, 4)
            .optCacheFolder(cache)
            .optHeldOutFraction(0.5)
            .optMessages(new PrintStream(messages, true, StandardCharsets.UTF_8))
            .build();

    ImageFolderData data = ImageFolderData.open(images, options);
    long total = data.split(Split.TRAIN).size() + data.split(Split.TEST).size();

    assertEquals(199, total);
    String said = messages();
    assertTrue(said.contains("hasten: warning: skipping " + bad + ": "), said);
    int skipped =
        data.split(Split.TRAIN).skipped().size() + data.split(Split.TEST).skipped().size();
    assertEquals(1, skipped);

    ImageFolderData.open(images, options).split(Split.TRAIN).size();
    ImageFolderData.open(images, options).split(Split.TEST).size();
    String again = messages();
    assertTrue(again.contains("hasten: warning: 1 unreadable image(s) of "), again);
    assertTrue(again.contains("(the first: " + bad + ": "), again);
  }

  @Test
  void moreThanOnePercentUnreadableStopsAndLeavesNoCache() throws IOException {
    classes(images.resolve("train"), 2, 50);
    classes(images.resolve("test"), 2, 2);
    Files.writeString(images.resolve("train/c0/010.png"), "not a png");
    Files.writeString(images.resolve("train/c1/020.png"), "not a png either");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ImageFolderData.open(images, options()).split(Split.TRAIN));

    assertTrue(
        e.getMessage()
            .startsWith(
                images.resolve("train")
                    + ": more than 1% of its 100 images are unreadable (2 so far; the first: "),
        e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void datasetsNormaliseEverySplitWithTheTrainingStatistics() throws IOException {
    writeSplitFolder();
    ImageFolderOptions options = options();
    try (Datasets data = new Datasets(DataLocation.of(images, null, null), manager, 2, options)) {
      ImageDataset test = data.images(Split.TEST).resident(manager);
      // Training mean 60, std √(7,700 / 3) (above): the test image of 105 becomes
      // 45 / 50.662 = 0.8882, that of 5 becomes −55 / 50.662 = −1.0856.
      double std = Math.sqrt(7700 / 3.0);
      assertEquals(new Shape(2, 1, 4, 4), test.images().getShape());
      assertEquals(45 / std, test.images().get(1, 0, 2, 2).getFloat(), 1e-5);
      assertEquals(-55 / std, test.images().get(0, 0, 0, 0).getFloat(), 1e-5);
      assertArrayEquals(new long[] {0, 1}, test.labels().toLongArray());
      assertEquals(6, data.images(Split.TRAIN).size());
    }
  }

  @Test
  void imagesWithoutAFolderSaySoAndAnImageFolderGivenForIdxFilesIsNamed() throws IOException {
    try (Datasets data = new Datasets(DataLocation.of(null, null, null), manager, 2, options())) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> data.images(Split.TRAIN));
      assertTrue(
          e.getMessage().startsWith("this pipeline reads an image folder: name it with --data DIR"),
          e.getMessage());
    }
    writeSplitFolder();
    try (Datasets data = new Datasets(DataLocation.of(images, null, null), manager, 2, options())) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> data.fashionMnist(Split.TRAIN));
      assertTrue(
          e.getMessage()
              .startsWith("--data " + images + " holds folders, not the Fashion-MNIST IDX files"),
          e.getMessage());
    }
  }
}
