package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.Sha256;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A text as the bytes a byte-level language model reads, with where it came from. Immutable; the
 * bytes are never copied out, only read by the classes of this package.
 */
public final class Corpus {
  private final byte[] bytes;
  private final String description;
  private final String notice;

  /** Computed on first use: hashing the King James text takes a few tens of milliseconds. */
  private volatile String fingerprint;

  private Corpus(byte[] bytes, String description, String notice) {
    this.bytes = bytes;
    this.description = description;
    this.notice = notice;
  }

  /**
   * A corpus of {@code bytes} (which it keeps; the caller must not change them).
   *
   * @param description one line for the run summary, e.g. {@code the King James Bible (bible-kjv)}
   * @param notice what to tell the user once about this choice (a fallback), or null
   * @throws InvalidInputException if {@code bytes} is empty
   */
  public static Corpus of(byte[] bytes, String description, String notice) {
    if (bytes.length == 0) {
      throw new InvalidInputException("corpus " + description + " is empty");
    }
    return new Corpus(bytes, description, notice);
  }

  /**
   * The bytes of a text file, whatever its encoding (a byte-level model reads bytes).
   *
   * @throws InvalidInputException if the file does not exist, is a folder, cannot be read or is
   *     empty, e.g. {@code corpus /x/kjv.txt: no such file}
   */
  public static Corpus fromFile(Path file) {
    return of(FileBytes.read(file, "corpus", "a text file"), file.toString(), null);
  }

  /** The number of bytes, which is the number of tokens at the byte level. */
  public int length() {
    return bytes.length;
  }

  /** The byte at {@code position}, as a token in [0, 256). */
  public int token(int position) {
    return ByteTokens.token(bytes[position]);
  }

  /** Bytes {@code [start, end)} decoded as UTF-8 (a cut multi-byte character decodes as U+FFFD). */
  public String text(int start, int end) {
    return ByteTokens.decode(bytes, start, end);
  }

  /** One line for the run summary. */
  public String description() {
    return description;
  }

  /** What to tell the user once, on stderr, about this corpus (the fallback to the excerpt). */
  public Optional<String> notice() {
    return Optional.ofNullable(notice);
  }

  /**
   * The first 16 hex digits of the SHA-256 of the bytes: what tells this text from any other, for
   * checkpoints, so that a run is never resumed on other text.
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = Sha256.hex(bytes).substring(0, 16);
      fingerprint = f;
    }
    return f;
  }

  /** The bytes themselves, for the classes of this package, which only read them. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return description;
  }
}
