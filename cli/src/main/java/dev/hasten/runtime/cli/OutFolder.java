package dev.hasten.runtime.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an {@code --out} folder, refusing the two that would scatter a run's files where they do
 * not belong: the empty path (the current folder) and a file-system root.
 */
final class OutFolder implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    if (value.isBlank()) {
      throw new TypeConversionException(
          "'" + value + "' is empty: name a folder for the run's files (use . for this folder)");
    }
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
    }
    if (path.toAbsolutePath().normalize().getParent() == null) {
      throw new TypeConversionException(
          "'" + value + "' is the root of the file system: name a folder for the run's files");
    }
    return path;
  }
}
