package dev.hasten.runtime.data;

import static dev.hasten.runtime.data.ImageFolders.classes;
import static dev.hasten.runtime.data.ImageFolders.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLayoutTest {
  @TempDir Path dir;

  private static ImageFolderOptions options() {
    return ImageFolderOptions.builder().setImageShape(1, 4, 4).build();
  }

  private static List<String> paths(ImageFolderLayout layout, Split split) {
    return layout.files(split).stream().map(ImageFile::relativePath).collect(Collectors.toList());
  }

  @Test
  void trainAndTestFoldersAreTheSplitsWithSortedClassNamesAsLabels() throws IOException {
    flat(dir.resolve("train/zebra/a.png"), 4, 1);
    flat(dir.resolve("train/ant/b.PNG"), 4, 2);
    flat(dir.resolve("train/ant/c.jpg"), 4, 3);
    Files.writeString(dir.resolve("train/ant/notes.txt"), "not an image");
    flat(dir.resolve("train/ant/.hidden.png"), 4, 3);
    flat(dir.resolve("test/zebra/d.png"), 4, 4);

    ImageFolderLayout layout = ImageFolderLayout.scan(dir, options());

    assertTrue(layout.presplit());
    assertEquals(List.of("ant", "zebra"), layout.classes());
    assertEquals(
        List.of("train/ant/b.PNG", "train/ant/c.jpg", "train/zebra/a.png"),
        paths(layout, Split.TRAIN));
    assertEquals(
        List.of(0, 0, 1), layout.files(Split.TRAIN).stream().map(ImageFile::label).toList());
    assertEquals(List.of("test/zebra/d.png"), paths(layout, Split.TEST));
    assertEquals(1, layout.files(Split.TEST).get(0).label());
  }

  @Test
  void withoutTrainAndTestEachClassHoldsOutItsFractionTheSameWayEveryTime() throws IOException {
    classes(dir, 3, 20);
    ImageFolderOptions quarter =
        ImageFolderOptions.builder().setImageShape(1, 4, 4).optHeldOutFraction(0.25).build();

    ImageFolderLayout layout = ImageFolderLayout.scan(dir, quarter);

    assertEquals(45, layout.files(Split.TRAIN).size());
    assertEquals(15, layout.files(Split.TEST).size());
    for (int label = 0; label < 3; label++) {
      int c = label;
      // round(0.25 · 20) = 5 of every class.
      assertEquals(5, layout.files(Split.TEST).stream().filter(f -> f.label() == c).count());
    }
    Set<String> train = Set.copyOf(paths(layout, Split.TRAIN));
    assertTrue(paths(layout, Split.TEST).stream().noneMatch(train::contains));
    assertEquals(
        paths(layout, Split.TEST), paths(ImageFolderLayout.scan(dir, quarter), Split.TEST));
    ImageFolderOptions otherSeed =
        ImageFolderOptions.builder()
            .setImageShape(1, 4, 4)
            .optHeldOutFraction(0.25)
            .optSplitSeed(7)
            .build();
    assertTrue(
        !paths(layout, Split.TEST)
            .equals(paths(ImageFolderLayout.scan(dir, otherSeed), Split.TEST)));
  }

  @Test
  void heldOutCountIsRoundedAndKeepsAtLeastOneImageOnEachSide() {
    List<ImageFile> two = List.of(file("a/1.png"), file("a/2.png"));
    List<ImageFile> train = new java.util.ArrayList<>();
    List<ImageFile> test = new java.util.ArrayList<>();
    ImageFolderLayout.holdOut(two, 0.1, 0, train, test); // round(0.2) = 0, raised to 1
    assertEquals(1, train.size());
    assertEquals(1, test.size());
    train.clear();
    test.clear();
    ImageFolderLayout.holdOut(two, 0.9, 0, train, test); // round(1.8) = 2, lowered to 1
    assertEquals(1, train.size());
    train.clear();
    test.clear();
    ImageFolderLayout.holdOut(List.of(file("a/1.png")), 0.5, 0, train, test);
    assertEquals(1, train.size());
    assertEquals(0, test.size());
  }

  private static ImageFile file(String path) {
    return new ImageFile(path, Path.of(path), 1, 1, 0);
  }

  @Test
  void anEmptyFolderIsNamed() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, options()));
    assertTrue(e.getMessage().startsWith(dir + " holds no class folders"), e.getMessage());
  }

  @Test
  void aMissingFolderIsNamed() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ImageFolderLayout.scan(dir.resolve("nope"), options()));
    assertEquals(dir.resolve("nope") + ": no such folder", e.getMessage());
  }

  @Test
  void aSingleClassIsRefused() throws IOException {
    classes(dir, 1, 3);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, options()));
    assertEquals(
        dir + " holds a single class folder (c0); classification needs at least two",
        e.getMessage());
  }

  @Test
  void aClassFolderWithNoImagesIsNamed() throws IOException {
    classes(dir, 2, 3);
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("empty/readme.txt"), "no images here");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, options()));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("empty") + ": a class folder with no images"),
        e.getMessage());
  }

  @Test
  void aTrainFolderWithoutATestFolderIsNamed() throws IOException {
    classes(dir.resolve("train"), 2, 2);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, options()));
    assertTrue(e.getMessage().startsWith(dir + " has train/ but no test/"), e.getMessage());
  }

  @Test
  void aTestClassTheTrainingSplitLacksIsNamed() throws IOException {
    classes(dir.resolve("train"), 2, 2);
    flat(dir.resolve("test/c9/x.png"), 4, 0);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, options()));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("test/c9") + ": a test class that"), e.getMessage());
  }

  @Test
  void anotherClassCountThanThePipelineDeclaresIsNamed() throws IOException {
    classes(dir, 3, 2);
    ImageFolderOptions ten =
        ImageFolderOptions.builder().setImageShape(1, 4, 4).optClasses(10).build();
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImageFolderLayout.scan(dir, ten));
    assertEquals(
        dir + " holds 3 class folders (c0, c1, c2), but the pipeline declares 10 classes",
        e.getMessage());
  }
}
