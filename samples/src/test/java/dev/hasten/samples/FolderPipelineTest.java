package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.samples.CliTest.Outcome;
import dev.hasten.samples.bench.KillResumeCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hasten train FolderBaseline --data DIR} on an image folder: the embedded Fashion-MNIST
 * subset written as 7,000 PNGs trains through the decoded cache, on the resident and on the
 * streamed path, to the accuracy that FashionBaseline reaches on the same images from IDX files;
 * bad folders stop with one line and exit 2.
 */
class FolderPipelineTest {
  @TempDir static Path tmp;
  static Path pngs;
  static Path idx;

  @BeforeAll
  static void writeImages() throws IOException {
    pngs = tmp.resolve("pngs");
    idx = tmp.resolve("idx");
    FashionPngs.write(pngs, idx);
  }

  private static RunOptions options(Path data, String run) {
    return RunOptions.defaults()
        .withData(data)
        .withOut(tmp.resolve(run))
        .withCacheFolder(tmp.resolve("cache"))
        .withProgressBar(false)
        .withEpochs(1);
  }

  @Test
  void pngFolderTrainsToTheAccuracyOfTheSameImagesFromIdxFiles() throws IOException {
    RunResult folder = Hasten.train(FolderBaseline.class, options(pngs, "folder"));
    RunResult idxRun = Hasten.train(FashionBaseline.class, options(idx, "idx"));
    // The same cache streamed: a data memory budget of 1 KiB is below the 21 MiB the splits take
    // resident.
    RunResult streamed =
        Hasten.train(FolderBaseline.class, options(pngs, "streamed").withDataMemory(1024));

    // 6,000 images / 128 = 46 full batches each; the same images in the same order, the same
    // model, seed and schedule. Only the normalisation differs: the folder's own training mean
    // and std against the constants of full Fashion-MNIST.
    assertEquals(46, folder.steps());
    assertEquals(46, idxRun.steps());
    assertTrue(folder.finalTestAcc() > 0.6, "accuracy " + folder.finalTestAcc());
    assertEquals(idxRun.finalTestAcc(), folder.finalTestAcc(), 0.01);
    assertEquals("resident", folder.data());
    assertEquals("streamed", streamed.data());
    assertEquals(0, streamed.skippedImages());
    assertEquals(idxRun.finalTestAcc(), streamed.finalTestAcc(), 0.01);
    // The same batches from the same cache: the same weights, bit for bit.
    assertNull(KillResumeCheck.compare(folder.outDir(), streamed.outDir()));
    try (Stream<Path> caches = Files.list(tmp.resolve("cache"))) {
      assertEquals(2, caches.filter(p -> p.toString().endsWith(".hcache")).count());
    }
  }

  @Test
  void anUnreadableImageIsCountedInTheSummary() throws IOException {
    // The 1,000 test images as a folder of their own (10% held out) and one file that is no
    // image: 1 in 1,001, under the 1% that stops a run.
    Path data = tmp.resolve("one-bad");
    for (int c = 0; c < 10; c++) {
      Path from = pngs.resolve("test").resolve(Integer.toString(c));
      Path to = Files.createDirectories(data.resolve(Integer.toString(c)));
      try (Stream<Path> files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()));
        }
      }
    }
    Files.writeString(data.resolve("4/bad.png"), "no image");

    RunResult result =
        Hasten.train(FolderBaseline.class, options(data, "one-bad-run").withMaxSteps(1));

    assertEquals(1, result.skippedImages());
    String summary = Files.readString(tmp.resolve("one-bad-run").resolve("summary.json"));
    assertTrue(summary.contains("\"data\":\"resident\",\"skipped_images\":1"), summary);
  }

  @Test
  void moreThanOnePercentCorruptImagesStopTheRun() throws IOException {
    Path data = tmp.resolve("corrupt");
    for (int c = 0; c < 10; c++) {
      for (int i = 0; i < 10; i++) {
        Path from = pngs.resolve("test").resolve(Integer.toString(c));
        try (Stream<Path> files = Files.list(from)) {
          Path source = files.sorted().skip(i).findFirst().orElseThrow();
          Path target = data.resolve(Integer.toString(c)).resolve(source.getFileName());
          Files.createDirectories(target.getParent());
          Files.copy(source, target);
        }
      }
    }
    Files.writeString(data.resolve("3/bad-1.png"), "no image");
    Files.writeString(data.resolve("7/bad-2.png"), "no image");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Hasten.train(FolderBaseline.class, options(data, "corrupt-run")));

    assertTrue(e.getMessage().contains("more than 1% of its"), e.getMessage());
  }

  @Test
  void anEmptyFolderExitsWithTwo() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertBadFolder(empty, empty + " holds no class folders");
  }

  @Test
  void aSingleClassExitsWithTwo() throws IOException {
    Path single = tmp.resolve("single");
    Files.createDirectories(single.resolve("cats"));
    Files.copy(pngs.resolve("train/0/00001.png"), single.resolve("cats/a.png"));
    assertBadFolder(single, single + " holds a single class folder (cats)");
  }

  @Test
  void aClassFolderWithNoImagesExitsWithTwo() throws IOException {
    Path data = tmp.resolve("empty-class");
    Files.createDirectories(data.resolve("cats"));
    Files.createDirectories(data.resolve("dogs"));
    Files.copy(pngs.resolve("train/0/00001.png"), data.resolve("cats/a.png"));
    assertBadFolder(data, data.resolve("dogs") + ": a class folder with no images");
  }

  private static void assertBadFolder(Path data, String expected) {
    Outcome outcome =
        CliTest.hasten(
            "train",
            "FolderBaseline",
            "--data",
            data.toString(),
            "--out",
            tmp.resolve("o-" + data.getFileName()).toString());
    assertEquals(2, outcome.status(), () -> "stderr: " + outcome.errLines());
    assertEquals(1, outcome.errLines().size(), () -> "one line expected: " + outcome.errLines());
    assertTrue(
        outcome.errLines().get(0).startsWith("hasten: " + expected), outcome.errLines().get(0));
  }
}
