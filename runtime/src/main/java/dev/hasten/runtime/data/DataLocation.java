package dev.hasten.runtime.data;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where to look for the Fashion-MNIST files, in the order docs/API.md fixes: the {@code --data DIR}
 * flag, else {@code $HASTEN_DATA}, else {@value FashionMnist#SYSTEM_FOLDER} (the Debian package
 * {@code dataset-fashion-mnist}) if it holds the files, else the subset embedded in the jar.
 *
 * <p>A folder the user named (by flag or variable) must exist and hold all four files: a typo
 * should stop the run, not quietly train on other data. Only the system folder is optional.
 */
public final class DataLocation {
  /** The environment variable that names a data folder. */
  public static final String ENV_VARIABLE = "HASTEN_DATA";

  private final Path flag;
  private final String env;
  private final Path systemFolder;
  private final boolean embeddedOnly;

  private DataLocation(Path flag, String env, Path systemFolder, boolean embeddedOnly) {
    this.flag = flag;
    this.env = env == null || env.isBlank() ? null : env;
    this.systemFolder = systemFolder;
    this.embeddedOnly = embeddedOnly;
  }

  /**
   * The location the command line asks for.
   *
   * @param dataFlag the {@code --data} folder, or null when the flag is absent
   */
  public static DataLocation fromFlag(Path dataFlag) {
    return new DataLocation(
        dataFlag, System.getenv(ENV_VARIABLE), Path.of(FashionMnist.SYSTEM_FOLDER), false);
  }

  /** Without a flag: {@code $HASTEN_DATA}, the system folder, or the embedded subset. */
  public static DataLocation standard() {
    return fromFlag(null);
  }

  /** Always the embedded subset, whatever is installed (quick runs, tests). */
  public static DataLocation embedded() {
    return new DataLocation(null, null, null, true);
  }

  /** A location with every input given, for tests. */
  static DataLocation of(Path flag, String env, Path systemFolder) {
    return new DataLocation(flag, env, systemFolder, false);
  }

  /**
   * Decides where the files are, checking that they exist (not yet that they are valid).
   *
   * @throws InvalidInputException if the flag or the variable names a folder that does not exist or
   *     lacks a file, e.g. {@code --data /x: missing t10k-labels-idx1-ubyte.gz}
   */
  public DataSource resolve() {
    if (embeddedOnly) {
      return DataSource.embedded(null);
    }
    if (flag != null) {
      requireComplete(flag, "--data " + flag);
      return DataSource.folder(flag, "Fashion-MNIST in " + flag);
    }
    if (env != null) {
      Path folder = Path.of(env);
      requireComplete(folder, "$" + ENV_VARIABLE + "=" + env);
      return DataSource.folder(folder, "Fashion-MNIST in " + folder + " ($" + ENV_VARIABLE + ")");
    }
    if (systemFolder != null && missing(systemFolder).isEmpty()) {
      return DataSource.folder(systemFolder, "Fashion-MNIST in " + systemFolder);
    }
    String searched = systemFolder == null ? "any folder" : systemFolder.toString();
    return DataSource.embedded(
        String.format(
            "Fashion-MNIST not found in %s and $%s is not set; using the embedded subset of %,d"
                + " training and %,d test images (install dataset-fashion-mnist for the full set)",
            searched, ENV_VARIABLE, FashionMnist.SUBSET_TRAIN_SIZE, FashionMnist.SUBSET_TEST_SIZE));
  }

  /**
   * The image folder that {@code --data} (else {@code $HASTEN_DATA}) names, for pipelines that read
   * images rather than Fashion-MNIST's IDX files.
   *
   * @throws InvalidInputException if neither names a folder
   */
  public Path imageFolder() {
    if (flag != null) {
      return flag;
    }
    if (env != null) {
      return Path.of(env);
    }
    throw new InvalidInputException(
        "this pipeline reads an image folder: name it with --data DIR (or $"
            + ENV_VARIABLE
            + "), laid out as DIR/<class>/<image> or DIR/train/<class>/<image> and"
            + " DIR/test/<class>/<image>");
  }

  /**
   * The text file {@code --data} names, for a language model's pipeline that reads its text through
   * {@link Datasets#textBuilder}; empty without the flag ({@code $HASTEN_DATA} names
   * Fashion-MNIST's folder, never a text).
   *
   * @throws InvalidInputException if the flag names something other than a text file
   */
  public Optional<Path> textFile() {
    return flag == null ? Optional.empty() : Optional.of(TextFile.require(flag, "--data"));
  }

  private static void requireComplete(Path folder, String named) {
    if (!Files.exists(folder)) {
      throw new InvalidInputException(named + ": no such folder");
    }
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(named + ": not a folder");
    }
    List<String> folders =
        FashionMnist.files().stream()
            .filter(file -> Files.isDirectory(folder.resolve(file)))
            .collect(Collectors.toList());
    if (!folders.isEmpty()) {
      throw new InvalidInputException(
          named
              + ": "
              + String.join(", ", folders)
              + (folders.size() == 1 ? " is a folder" : " are folders")
              + ", not "
              + (folders.size() == 1 ? "a file" : "files"));
    }
    List<String> missing = missing(folder);
    if (missing.size() == FashionMnist.files().size() && holdsFolders(folder)) {
      throw new InvalidInputException(
          named
              + " holds folders, not the Fashion-MNIST IDX files this pipeline reads; an image"
              + " folder trains a pipeline whose data methods call Datasets.images (for example"
              + " FolderBaseline)");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(named + ": missing " + String.join(", ", missing));
    }
  }

  private static boolean holdsFolders(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.anyMatch(Files::isDirectory);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> missing(Path folder) {
    return FashionMnist.files().stream()
        .filter(file -> !Files.isRegularFile(folder.resolve(file)))
        .collect(Collectors.toList());
  }
}
