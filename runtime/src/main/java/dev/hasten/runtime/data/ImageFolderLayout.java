package dev.hasten.runtime.data;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The images of a folder laid out as {@code root/<class>/<image>}, split into training and test
 * images:
 *
 * <ul>
 *   <li>if {@code root/train/} and {@code root/test/} both exist, they are the splits, each laid
 *       out as {@code <class>/<image>}; the classes are those of {@code train/}, and every class of
 *       {@code test/} must be one of them;
 *   <li>else the class folders are directly under {@code root}, and each class is split on its own
 *       (stratified): its images are ordered by a 64-bit hash of the split seed and their relative
 *       path, and the first {@code round(fraction · n)} of them, at least 1 and at most {@code n −
 *       1}, are held out for testing (a class of one image is training only). The split depends
 *       only on the seed and the relative paths, never on the order in which the file system lists
 *       them, and not on the run's seed: every run sees the same test set.
 * </ul>
 *
 * <p>Class names are the folder names, sorted ({@link String#compareTo}); a class's label is its
 * index. As DJL's {@code ImageFolder} does, only the files directly in a class folder count, hidden
 * files are skipped, and an image is a file named {@code .png}, {@code .jpg}, {@code .jpeg}, {@code
 * .bmp}, {@code .wbmp} or {@code .gif} (any case); other files are ignored.
 *
 * <p>An empty folder, a single class, a class folder with no images, a {@code train/} without a
 * {@code test/} (or the reverse), or another class count than the pipeline declares: an {@link
 * InvalidInputException} naming the folder.
 */
public final class ImageFolderLayout {
  /** The extensions DJL's ImageFolder takes for images. */
  static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "wbmp", "gif");

  private final Path root;
  private final boolean presplit;
  private final List<String> classes;
  private final List<ImageFile> train;
  private final List<ImageFile> test;

  private ImageFolderLayout(
      Path root,
      boolean presplit,
      List<String> classes,
      List<ImageFile> train,
      List<ImageFile> test) {
    this.root = root;
    this.presplit = presplit;
    this.classes = List.copyOf(classes);
    this.train = List.copyOf(train);
    this.test = List.copyOf(test);
  }

  /**
   * Scans {@code root}.
   *
   * @throws InvalidInputException for a missing or empty folder, a single class, an empty class
   *     folder, a half-split folder, or a class count that differs from the options' classes
   */
  public static ImageFolderLayout scan(Path root, ImageFolderOptions options) {
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(
          root + (Files.exists(root) ? ": not a folder" : ": no such folder"));
    }
    Path trainFolder = root.resolve("train");
    Path testFolder = root.resolve("test");
    boolean hasTrain = Files.isDirectory(trainFolder);
    boolean hasTest = Files.isDirectory(testFolder);
    ImageFolderLayout layout;
    if (hasTrain && hasTest) {
      List<String> classes = classFolders(trainFolder);
      requireClasses(trainFolder, classes);
      List<ImageFile> train = new ArrayList<>();
      for (int label = 0; label < classes.size(); label++) {
        train.addAll(images(root, trainFolder.resolve(classes.get(label)), label));
      }
      List<ImageFile> test = new ArrayList<>();
      for (String name : classFolders(testFolder)) {
        int label = classes.indexOf(name);
        if (label < 0) {
          throw new InvalidInputException(
              testFolder.resolve(name)
                  + ": a test class that "
                  + trainFolder
                  + " does not have (its classes: "
                  + String.join(", ", classes)
                  + ")");
        }
        test.addAll(images(root, testFolder.resolve(name), label));
      }
      if (test.isEmpty()) {
        throw new InvalidInputException(testFolder + " holds no class folders");
      }
      layout = new ImageFolderLayout(root, true, classes, train, test);
    } else if (hasTrain != hasTest) {
      throw new InvalidInputException(
          root
              + " has "
              + (hasTrain ? "train/ but no test/" : "test/ but no train/")
              + ": give both (train/<class>/<image>, test/<class>/<image>) or neither"
              + " (<class>/<image>, with a held-out fraction for testing)");
    } else {
      List<String> classes = classFolders(root);
      requireClasses(root, classes);
      List<ImageFile> train = new ArrayList<>();
      List<ImageFile> test = new ArrayList<>();
      for (int label = 0; label < classes.size(); label++) {
        List<ImageFile> all = images(root, root.resolve(classes.get(label)), label);
        holdOut(all, options.heldOutFraction(), options.splitSeed(), train, test);
      }
      layout = new ImageFolderLayout(root, false, classes, train, test);
    }
    options
        .classes()
        .filter(declared -> declared != layout.classes.size())
        .ifPresent(
            declared -> {
              throw new InvalidInputException(
                  String.format(
                      "%s holds %d class folders (%s), but the pipeline declares %d classes",
                      presplitRoot(layout),
                      layout.classes.size(),
                      abbreviate(layout.classes),
                      declared));
            });
    return layout;
  }

  private static Path presplitRoot(ImageFolderLayout layout) {
    return layout.presplit ? layout.root.resolve("train") : layout.root;
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 12
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 12)) + ", …";
  }

  private static void requireClasses(Path folder, List<String> classes) {
    if (classes.isEmpty()) {
      throw new InvalidInputException(
          folder
              + " holds no class folders; expected <class>/<image> (or train/<class>/<image> and"
              + " test/<class>/<image>)");
    }
    if (classes.size() == 1) {
      throw new InvalidInputException(
          folder
              + " holds a single class folder ("
              + classes.get(0)
              + "); classification needs at least two");
    }
  }

  /** The visible sub-folders of {@code folder}, sorted. */
  private static List<String> classFolders(Path folder) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(".") && Files.isDirectory(entry)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          folder + ": cannot list the folder (" + e.getMessage() + ")", e);
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** The images directly in {@code classFolder}, sorted by name; none is an input error. */
  private static List<ImageFile> images(Path root, Path classFolder, int label) {
    List<ImageFile> images = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classFolder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || !EXTENSIONS.contains(extension(name))) {
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
          continue;
        }
        String relative = root.relativize(entry).toString().replace('\\', '/');
        images.add(
            new ImageFile(
                relative,
                entry,
                attributes.size(),
                attributes.lastModifiedTime().toMillis(),
                label));
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          classFolder + ": cannot list the folder (" + e.getMessage() + ")", e);
    }
    if (images.isEmpty()) {
      throw new InvalidInputException(
          classFolder
              + ": a class folder with no images (."
              + String.join(", .", sorted(EXTENSIONS))
              + ")");
    }
    images.sort(Comparator.comparing(ImageFile::relativePath));
    return images;
  }

  private static List<String> sorted(Set<String> set) {
    List<String> list = new ArrayList<>(set);
    list.sort(Comparator.naturalOrder());
    return list;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Splits one class by hash order: see the class comment for the rule. */
  static void holdOut(
      List<ImageFile> images,
      double fraction,
      long seed,
      List<ImageFile> train,
      List<ImageFile> test) {
    int n = images.size();
    int held = n < 2 ? 0 : Math.max(1, Math.min(n - 1, (int) Math.round(fraction * n)));
    List<ImageFile> order = new ArrayList<>(images);
    order.sort(
        Comparator.comparingLong((ImageFile f) -> splitHash(seed, f.relativePath()))
            .thenComparing(ImageFile::relativePath));
    List<ImageFile> heldOut = new ArrayList<>(order.subList(0, held));
    List<ImageFile> kept = new ArrayList<>(order.subList(held, n));
    heldOut.sort(Comparator.comparing(ImageFile::relativePath));
    kept.sort(Comparator.comparing(ImageFile::relativePath));
    test.addAll(heldOut);
    train.addAll(kept);
  }

  /** FNV-1a over the path's UTF-8 bytes, started from the seed, then SplitMix64's finaliser. */
  static long splitHash(long seed, String relativePath) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  public Path root() {
    return root;
  }

  /** Whether the folder has {@code train/} and {@code test/} (else a held-out fraction). */
  public boolean presplit() {
    return presplit;
  }

  /** The class names, sorted; a label is an index into this list. */
  public List<String> classes() {
    return classes;
  }

  /** A split's images, sorted by relative path. */
  public List<ImageFile> files(Split split) {
    return split == Split.TRAIN ? train : test;
  }

  /**
   * How messages name a split, e.g. {@code /data/pets/train} or {@code /data/pets (held-out 10%)}.
   */
  public String describe(Split split) {
    if (presplit) {
      return root.resolve(split == Split.TRAIN ? "train" : "test").toString();
    }
    return root + (split == Split.TRAIN ? " (training part)" : " (held-out part)");
  }
}
