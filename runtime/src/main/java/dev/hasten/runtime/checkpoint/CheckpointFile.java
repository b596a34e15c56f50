package dev.hasten.runtime.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One checkpoint on disk. The format (docs/RELIABILITY.md), all integers big-endian:
 *
 * <pre>
 *   8 bytes  magic "HSTNCKPT"
 *   int32    format version (1)
 *   int32    manifest length M, then M bytes of UTF-8 JSON (the run's counters and names)
 *   int64    arrays length A, then A bytes: DJL's NDList encoding of the named arrays
 *   int64    CRC-32 of every byte before it
 * </pre>
 *
 * <p>Loading parses JSON and DJL's plain array encoding only; nothing in a file can make the
 * loader run code (no Java serialization). Writing is atomic: a temporary file in the same
 * folder, fsync, rename, fsync of the folder; a crash at any point leaves either the old set of
 * checkpoints or the old set plus the complete new one.
 */
public final class CheckpointFile {
  static final byte[] MAGIC = "HSTNCKPT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /**
   * Test hook for the kill tests: milliseconds to pause half-way through writing the temporary
   * file, so that a test can kill the process in the middle of a checkpoint write.
   */
  static final String WRITE_PAUSE_PROPERTY = "hasten.checkpoint.writePauseMillis";

  /** Opens the channel a checkpoint is written through; tests substitute a failing one. */
  @FunctionalInterface
  public interface ChannelOpener {
    FileChannel open(Path path) throws IOException;
  }

  static final ChannelOpener FILES =
      path ->
          FileChannel.open(
              path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /** What a checkpoint holds: counters and names (JSON) and named arrays. */
  public record Contents(JsonObject manifest, Map<String, NDArray> arrays) {}

  private CheckpointFile() {}

  /** Writes {@code contents} to {@code target} atomically. */
  public static void write(Path target, Contents contents) throws IOException {
    write(target, contents, FILES);
  }

  static void write(Path target, Contents contents, ChannelOpener opener) throws IOException {
    byte[] bytes = encode(contents);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel channel = opener.open(tmp)) {
      int half = bytes.length / 2;
      writeFully(channel, ByteBuffer.wrap(bytes, 0, half));
      pauseForKillTests();
      writeFully(channel, ByteBuffer.wrap(bytes, half, bytes.length - half));
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(target.getParent());
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void pauseForKillTests() {
    long pause = Long.getLong(WRITE_PAUSE_PROPERTY, 0L);
    if (pause > 0) {
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Makes the rename durable: on Linux a folder's entries are flushed by fsync on the folder. */
  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be opened for fsync; the rename itself is atomic.
    }
  }

  static byte[] encode(Contents contents) throws IOException {
    NDList arrays = new NDList();
    contents.arrays().forEach((name, array) -> {
      array.setName(name);
      arrays.add(array);
    });
    byte[] manifest = contents.manifest().toString().getBytes(StandardCharsets.UTF_8);
    byte[] encodedArrays = arrays.encode();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(encodedArrays.length + manifest.length + 64);
    DataOutputStream out = new DataOutputStream(buffer);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(manifest.length);
    out.write(manifest);
    out.writeLong(encodedArrays.length);
    out.write(encodedArrays);
    CRC32 crc = new CRC32();
    crc.update(buffer.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return buffer.toByteArray();
  }

  /**
   * Reads and checks a checkpoint; its arrays are created in {@code manager}.
   *
   * @throws CorruptCheckpointException naming the file and what is wrong with it
   */
  public static Contents read(Path file, NDManager manager) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < MAGIC.length + 4 + 4 + 8 + 8) {
      throw new CorruptCheckpointException(name + " is truncated (" + bytes.length + " bytes)");
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new CorruptCheckpointException(name + " is not a Hasten checkpoint (wrong magic bytes)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new CorruptCheckpointException(
          name + " has checkpoint format version " + version + "; this Hasten reads version " + VERSION);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (crc.getValue() != stored) {
      throw new CorruptCheckpointException(name + " is damaged or truncated (checksum mismatch)");
    }
    int manifestLength = in.getInt();
    if (manifestLength < 0 || manifestLength > bytes.length - in.position()) {
      throw new CorruptCheckpointException(name + " has an impossible manifest length " + manifestLength);
    }
    String manifest = new String(bytes, in.position(), manifestLength, StandardCharsets.UTF_8);
    in.position(in.position() + manifestLength);
    long arraysLength = in.getLong();
    if (arraysLength < 0 || arraysLength != bytes.length - in.position() - 8) {
      throw new CorruptCheckpointException(name + " has an impossible array section length " + arraysLength);
    }
    byte[] arrayBytes = new byte[(int) arraysLength];
    in.get(arrayBytes);
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (NDArray array : NDList.decode(manager, arrayBytes)) {
      arrays.put(array.getName(), array);
    }
    try {
      return new Contents(JsonParser.parseString(manifest).getAsJsonObject(), arrays);
    } catch (RuntimeException e) {
      throw new CorruptCheckpointException(name + " has an unreadable manifest: " + e.getMessage());
    }
  }
}
