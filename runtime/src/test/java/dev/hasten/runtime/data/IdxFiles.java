package dev.hasten.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests: a header of big-endian ints, then a payload. */
final class IdxFiles {
  private IdxFiles() {}

  /** The bytes of an IDX file: {@code magic, dims…, payload}. */
  static byte[] idx(int magic, int[] dims, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    buffer.putInt(magic);
    for (int d : dims) {
      buffer.putInt(d);
    }
    buffer.put(payload);
    return buffer.array();
  }

  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return idx(IdxReader.IMAGE_MAGIC, new int[] {count, rows, cols}, pixels);
  }

  static byte[] labels(byte... labels) {
    return idx(IdxReader.LABEL_MAGIC, new int[] {labels.length}, labels);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path write(Path folder, String name, byte[] bytes) {
    try {
      return Files.write(folder.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} bytes 0, 1, 2, … (mod 256). */
  static byte[] ramp(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
