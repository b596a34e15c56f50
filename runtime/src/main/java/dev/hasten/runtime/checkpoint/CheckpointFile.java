package dev.hasten.runtime.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * One checkpoint on disk. The format (docs/RELIABILITY.md), all integers big-endian:
 *
 * <pre>
 *   8 bytes  magic "HSTNCKPT"
 *   int32    format version (2)
 *   int32    manifest length M (at most {@link #MAX_MANIFEST_BYTES}), then M bytes of UTF-8 JSON
 *   int64    array section length A, then A bytes:
 *              int32 count, then per array: UTF name, UTF data type, int32 rank, rank × int64
 *              dimensions, int64 byte length (= elements × bytes per element), the element bytes
 *              (little-endian)
 *   int64    CRC-32 of every byte before it
 * </pre>
 *
 * <p>Reading never trusts a length: every declared length is checked against the file's size, the
 * caller's bound and what is left of its section before anything of that length is allocated, the
 * checksum is computed while streaming (a 64 KiB buffer), and the arrays are decoded one at a time,
 * each read into a direct buffer that the engine takes as it is (on the CPU) or copies once (to a
 * GPU). Reading a file of {@code F} bytes therefore allocates at most {@code F} bytes of arrays and
 * {@code F} bytes of direct buffers (the same bytes on the CPU), plus the manifest (at most 256
 * KiB, about 11 MiB parsed) and two 64 KiB buffers: under {@code 2F + 13 MiB} in all, 141 MiB for a
 * file of 64 MiB. Nothing in a file can make the loader run code (no Java serialization).
 *
 * <p>Writing is atomic: a temporary file in the same folder, fsync, rename, fsync of the folder; a
 * crash at any point leaves either the old set of checkpoints or the old set plus the complete new
 * one.
 */
public final class CheckpointFile {
  static final byte[] MAGIC = "HSTNCKPT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;

  /**
   * The largest manifest a reader accepts; real ones are a few kilobytes. Parsed, 256 KiB of JSON
   * takes at most about 11 MiB of heap (measured: a manifest of 131,072 zeros in an array).
   */
  public static final int MAX_MANIFEST_BYTES = 1 << 18;

  /** The most dimensions an array may declare. */
  private static final int MAX_RANK = 8;

  /** Magic, version, manifest length, array section length, checksum. */
  static final int FIXED_BYTES = 8 + 4 + 4 + 8 + 8;

  /** The data types a checkpoint may hold; anything else is refused before it is read. */
  private static final Set<DataType> TYPES =
      EnumSet.of(
          DataType.FLOAT32,
          DataType.FLOAT64,
          DataType.FLOAT16,
          DataType.BFLOAT16,
          DataType.INT64,
          DataType.INT32,
          DataType.INT8,
          DataType.UINT8,
          DataType.BOOLEAN);

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
      path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /** What a checkpoint holds: counters and names (JSON) and named arrays. */
  public record Contents(JsonObject manifest, Map<String, NDArray> arrays) {
    /** The prefix of the model's parameters: {@code model/<parameter>}. */
    public static final String MODEL = "model/";

    /** The prefix of the optimizer's state: {@code optimizer/<key>}. */
    public static final String OPTIMIZER = "optimizer/";

    /** The prefix of each stateful speedup's state: {@code state/<speedup>/<key>}. */
    public static final String STATE = "state/";

    /**
     * The arrays of {@code arrays} whose names start with {@code prefix}, by the rest of the name.
     */
    public static Map<String, NDArray> withPrefix(Map<String, NDArray> arrays, String prefix) {
      Map<String, NDArray> out = new java.util.LinkedHashMap<>();
      arrays.forEach(
          (name, array) -> {
            if (name.startsWith(prefix)) {
              out.put(name.substring(prefix.length()), array);
            }
          });
      return out;
    }
  }

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
    ByteArrayOutputStream arrayBytes = new ByteArrayOutputStream();
    DataOutputStream arrays = new DataOutputStream(arrayBytes);
    arrays.writeInt(contents.arrays().size());
    for (Map.Entry<String, NDArray> named : contents.arrays().entrySet()) {
      NDArray array = named.getValue();
      arrays.writeUTF(named.getKey());
      arrays.writeUTF(array.getDataType().name());
      long[] dims = array.getShape().getShape();
      arrays.writeInt(dims.length);
      for (long d : dims) {
        arrays.writeLong(d);
      }
      byte[] raw = littleEndian(array.toByteArray(), array.getDataType());
      arrays.writeLong(raw.length);
      arrays.write(raw);
    }
    arrays.flush();
    byte[] manifest = contents.manifest().toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream buffer =
        new ByteArrayOutputStream(arrayBytes.size() + manifest.length + 64);
    DataOutputStream out = new DataOutputStream(buffer);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(manifest.length);
    out.write(manifest);
    out.writeLong(arrayBytes.size());
    arrayBytes.writeTo(out);
    CRC32 crc = new CRC32();
    crc.update(buffer.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return buffer.toByteArray();
  }

  /** The element bytes in little-endian order, whatever the engine's native order. */
  private static byte[] littleEndian(byte[] raw, DataType type) {
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || type.getNumOfBytes() == 1) {
      return raw;
    }
    byte[] swapped = raw.clone();
    int width = type.getNumOfBytes();
    for (int i = 0; i < swapped.length; i += width) {
      for (int j = 0; j < width / 2; j++) {
        byte t = swapped[i + j];
        swapped[i + j] = swapped[i + width - 1 - j];
        swapped[i + width - 1 - j] = t;
      }
    }
    return swapped;
  }

  /** The section lengths a file's fixed header declares, checked against the file's size. */
  record Layout(long fileBytes, int manifestBytes, long arrayBytes) {}

  /**
   * Checks what can be checked without reading more than the header: the magic, the version, and
   * that the declared section lengths add up to the file's size and stay within {@code maxBytes}.
   * Cheap, so that a folder listing can tell checkpoints from junk.
   *
   * @throws CorruptCheckpointException naming the file and what is wrong with it
   */
  static Layout layout(Path file, long maxBytes) throws IOException {
    String name = file.getFileName().toString();
    long size = Files.size(file);
    if (size < FIXED_BYTES) {
      throw new CorruptCheckpointException(name + " is truncated (" + size + " bytes)");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8);
      readFully(channel, head, 0);
      head.flip();
      byte[] magic = new byte[MAGIC.length];
      head.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new CorruptCheckpointException(
            name + " is not a Hasten checkpoint (wrong magic bytes)");
      }
      int version = head.getInt();
      if (version != VERSION) {
        // Not damage: a run that another version of Hasten can continue is never started over.
        throw new ForeignCheckpointException(
            name
                + " has checkpoint format version "
                + version
                + "; this Hasten reads version "
                + VERSION);
      }
      if (size > maxBytes) {
        throw new CorruptCheckpointException(
            name
                + " is "
                + size
                + " bytes, more than the "
                + maxBytes
                + " bytes a checkpoint of this run can hold");
      }
      int manifestBytes = head.getInt();
      if (manifestBytes < 2 || manifestBytes > MAX_MANIFEST_BYTES) {
        throw new CorruptCheckpointException(
            name + " has an impossible manifest length " + manifestBytes);
      }
      if (manifestBytes > size - FIXED_BYTES) {
        throw new CorruptCheckpointException(
            name
                + " is damaged or truncated (its manifest declares "
                + manifestBytes
                + " bytes, the file holds "
                + size
                + " in all)");
      }
      ByteBuffer arraysLength = ByteBuffer.allocate(8);
      readFully(channel, arraysLength, MAGIC.length + 8L + manifestBytes);
      long arrayBytes = arraysLength.flip().getLong();
      if (arrayBytes != size - FIXED_BYTES - manifestBytes) {
        throw new CorruptCheckpointException(
            name
                + " is damaged or truncated (its array section declares "
                + arrayBytes
                + " bytes, the file holds "
                + (size - FIXED_BYTES - manifestBytes)
                + ")");
      }
      return new Layout(size, manifestBytes, arrayBytes);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, position + into.position());
      if (n < 0) {
        throw new EOFException();
      }
    }
  }

  /**
   * Reads and checks a checkpoint of at most {@code maxBytes} bytes; its arrays are created in
   * {@code manager}.
   *
   * @throws CorruptCheckpointException naming the file and what is wrong with it
   */
  public static Contents read(Path file, NDManager manager, long maxBytes) throws IOException {
    String name = file.getFileName().toString();
    Layout layout = layout(file, maxBytes);
    requireChecksum(file, name, layout);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(MAGIC.length + 8L);
      byte[] manifestBytes = in.readNBytes(layout.manifestBytes());
      JsonObject manifest = parseManifest(name, manifestBytes);
      in.skipNBytes(8);
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      NDManager scratch = manager.newSubManager();
      boolean done = false;
      try {
        readArrays(name, in, layout.arrayBytes(), scratch, arrays);
        for (NDArray array : arrays.values()) {
          array.attach(manager);
        }
        done = true;
      } finally {
        scratch.close();
        if (!done) {
          arrays.values().forEach(NDArray::close);
        }
      }
      return new Contents(manifest, arrays);
    } catch (EOFException e) {
      throw new CorruptCheckpointException(name + " is damaged or truncated (it ends early)");
    }
  }

  /** Reads a checkpoint that a run of this process may have written (at most 2 GiB). */
  public static Contents read(Path file, NDManager manager) throws IOException {
    return read(file, manager, Integer.MAX_VALUE);
  }

  private static void requireChecksum(Path file, String name, Layout layout) throws IOException {
    CRC32 crc = new CRC32();
    long covered = layout.fileBytes() - 8;
    byte[] buffer = new byte[1 << 16];
    long stored;
    try (InputStream in = Files.newInputStream(file)) {
      long left = covered;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new CorruptCheckpointException(name + " is damaged or truncated (it ends early)");
        }
        crc.update(buffer, 0, n);
        left -= n;
      }
      stored = new DataInputStream(in).readLong();
    } catch (EOFException e) {
      throw new CorruptCheckpointException(name + " is damaged or truncated (it ends early)");
    }
    if (crc.getValue() != stored) {
      throw new CorruptCheckpointException(name + " is damaged or truncated (checksum mismatch)");
    }
  }

  private static JsonObject parseManifest(String name, byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      JsonElement parsed = JsonParser.parseString(text);
      if (!parsed.isJsonObject()) {
        throw new CorruptCheckpointException(name + " has a manifest that is not a JSON object");
      }
      return parsed.getAsJsonObject();
    } catch (CharacterCodingException e) {
      throw new CorruptCheckpointException(name + " has a manifest that is not UTF-8");
    } catch (RuntimeException e) {
      if (e instanceof CorruptCheckpointException) {
        throw e;
      }
      throw new CorruptCheckpointException(name + " has an unreadable manifest: " + e.getMessage());
    }
  }

  /** Decodes the array section, never allocating more than what is left of it. */
  private static void readArrays(
      String name,
      DataInputStream in,
      long sectionBytes,
      NDManager manager,
      Map<String, NDArray> into)
      throws IOException {
    long left = sectionBytes;
    if (left < 4) {
      throw new CorruptCheckpointException(name + " has an array section of " + left + " bytes");
    }
    int count = in.readInt();
    left -= 4;
    // Each array takes at least 2 + 2 + 4 + 8 bytes of header.
    if (count < 0 || count > left / 16) {
      throw new CorruptCheckpointException(
          name + " declares an impossible number of arrays, " + count);
    }
    byte[] chunk = new byte[1 << 16];
    for (int i = 0; i < count; i++) {
      String arrayName = in.readUTF();
      String typeName = in.readUTF();
      int rank = in.readInt();
      left -= utfBytes(arrayName) + utfBytes(typeName) + 4;
      DataType type = dataType(typeName);
      if (type == null) {
        throw new CorruptCheckpointException(
            name + ": array " + arrayName + " has an unknown data type '" + typeName + "'");
      }
      if (rank < 0 || rank > MAX_RANK) {
        throw new CorruptCheckpointException(name + ": array " + arrayName + " has rank " + rank);
      }
      long[] dims = new long[rank];
      long elements = 1;
      for (int d = 0; d < rank; d++) {
        dims[d] = in.readLong();
        if (dims[d] < 0 || (dims[d] > 0 && elements > Long.MAX_VALUE / dims[d] / 8)) {
          throw new CorruptCheckpointException(
              name + ": array " + arrayName + " has an impossible dimension " + dims[d]);
        }
        elements *= dims[d];
      }
      long byteLength = in.readLong();
      left -= 8L * rank + 8;
      if (byteLength != elements * type.getNumOfBytes()) {
        throw new CorruptCheckpointException(
            name
                + ": array "
                + arrayName
                + " declares "
                + byteLength
                + " bytes for shape "
                + new Shape(dims)
                + " of "
                + typeName);
      }
      if (byteLength > left || byteLength > Integer.MAX_VALUE - 8) {
        throw new CorruptCheckpointException(
            name
                + ": array "
                + arrayName
                + " declares "
                + byteLength
                + " bytes; its section has "
                + Math.max(0, left)
                + " left");
      }
      if (into.containsKey(arrayName)) {
        throw new CorruptCheckpointException(name + " holds array " + arrayName + " twice");
      }
      ByteBuffer buffer = readDirect(in, (int) byteLength, chunk);
      left -= byteLength;
      if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
        byte[] data = new byte[(int) byteLength];
        buffer.get(data);
        buffer = ByteBuffer.wrap(littleEndian(data, type)).order(ByteOrder.nativeOrder());
      }
      NDArray array = manager.create(buffer, new Shape(dims), type);
      array.setName(arrayName);
      into.put(arrayName, array);
    }
    if (left != 0) {
      throw new CorruptCheckpointException(
          name + " has " + left + " bytes in its array section that no array accounts for");
    }
  }

  /**
   * The next {@code length} bytes in a direct buffer, the engine's own kind, so that creating the
   * array copies them once and no heap copy exists.
   */
  private static ByteBuffer readDirect(DataInputStream in, int length, byte[] chunk)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      int n = in.read(chunk, 0, Math.min(chunk.length, buffer.remaining()));
      if (n < 0) {
        throw new EOFException();
      }
      buffer.put(chunk, 0, n);
    }
    return buffer.flip();
  }

  private static long utfBytes(String s) {
    return 2L + s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static DataType dataType(String name) {
    for (DataType type : TYPES) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
