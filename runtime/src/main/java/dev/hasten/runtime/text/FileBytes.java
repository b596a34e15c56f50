package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole input file's bytes, or one line saying why they cannot be had. */
final class FileBytes {
  private FileBytes() {}

  /**
   * @param role what the file is to the run, leading the message: {@code corpus}, {@code tokenizer}
   * @param kind what the file should be, for a folder given instead: {@code a text file}
   * @throws InvalidInputException e.g. {@code corpus /x: a folder, not a text file}, {@code
   *     tokenizer /x: no such file}, {@code corpus /x: cannot be read (...)}
   */
  static byte[] read(Path file, String role, String kind) {
    String named = role + " " + file;
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(named + ": a folder, not " + kind);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(named + ": no such file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(named + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
