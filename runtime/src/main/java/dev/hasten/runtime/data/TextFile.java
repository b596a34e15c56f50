package dev.hasten.runtime.data;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file a flag names, checked before a language model reads it: it exists, is a file, is not
 * empty and is text. A byte-level model would read any bytes, so a binary file (a gzipped IDX file,
 * an image) would quietly give a meaningless loss; text has no NUL byte, binary files almost always
 * have one early.
 */
public final class TextFile {
  /** How far a file is searched for a NUL byte. */
  public static final int SNIFFED_BYTES = 64 * 1024;

  private TextFile() {}

  /**
   * {@code file}, if it is a text file.
   *
   * @param flag the flag that named it, for the message
   * @throws InvalidInputException naming the flag, the file and what is wrong with it
   */
  public static Path require(Path file, String flag) {
    String named = flag + " " + file;
    if (!Files.exists(file)) {
      throw new InvalidInputException(named + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(named + ": a folder, not a text file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SNIFFED_BYTES);
      if (head.length == 0) {
        throw new InvalidInputException(named + ": the file is empty");
      }
      for (int i = 0; i < head.length; i++) {
        if (head[i] == 0) {
          throw new InvalidInputException(
              named + ": a binary file (a NUL byte at offset " + i + "), not text");
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(named + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return file;
  }
}
