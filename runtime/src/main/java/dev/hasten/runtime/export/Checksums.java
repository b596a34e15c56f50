package dev.hasten.runtime.export;

import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code model/SHA256SUMS}: the SHA-256 of every other file of an exported model, in the format of
 * {@code sha256sum} (so {@code sha256sum -c SHA256SUMS} checks it too). Loading refuses a folder
 * whose files do not match it.
 */
final class Checksums {
  static final String FILE_NAME = "SHA256SUMS";

  private Checksums() {}

  /** Writes the checksums of {@code files} (names in {@code dir}). */
  static void write(Path dir, List<String> files) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String file : files) {
      out.append(sha256(dir.resolve(file))).append("  ").append(file).append('\n');
    }
    Files.writeString(dir.resolve(FILE_NAME), out.toString(), StandardCharsets.UTF_8);
  }

  /**
   * Checks every file {@code SHA256SUMS} lists, and that it lists each of {@code required}.
   *
   * @throws InvalidInputException naming the first file missing or changed
   */
  static void verify(Path dir, List<String> required) {
    Path sums = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(sums)) {
      throw new InvalidInputException(
          dir + " has no " + FILE_NAME + ": it is not a complete exported model (export it again)");
    }
    Map<String, String> expected = read(sums);
    for (String file : required) {
      if (!expected.containsKey(file)) {
        throw new InvalidInputException(dir + ": " + FILE_NAME + " does not list " + file);
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(dir + ": " + e.getKey() + " is missing");
      }
      try {
        if (!sha256(file).equals(e.getValue())) {
          throw new InvalidInputException(
              dir
                  + ": "
                  + e.getKey()
                  + " does not match its checksum in "
                  + FILE_NAME
                  + " (changed or damaged since export)");
        }
      } catch (IOException ex) {
        throw new InvalidInputException(
            dir + ": cannot read " + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static Map<String, String> read(Path sums) {
    Map<String, String> entries = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        int gap = line.indexOf("  ");
        if (gap != 64) {
          throw new InvalidInputException(sums + " is malformed: " + line);
        }
        String name = line.substring(gap + 2);
        if (name.contains("/") || name.contains("\\")) {
          throw new InvalidInputException(sums + " names a file outside the folder: " + name);
        }
        entries.put(name, line.substring(0, gap));
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + sums + ": " + e.getMessage(), e);
    }
    return entries;
  }

  /** The SHA-256 of a file, read in parts, 64 hex digits. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The names listed, for tests and tools. */
  static List<String> listed(Path dir) {
    return new ArrayList<>(read(dir.resolve(FILE_NAME)).keySet());
  }
}
