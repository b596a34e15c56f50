package dev.hasten.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.hasten.runtime.testing.FailingChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint format: round trip, atomic writes, and every way a file can be bad. */
class CheckpointFileTest {
  @TempDir Path dir;
  NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private CheckpointFile.Contents contents(long step, float value) {
    JsonObject manifest = new JsonObject();
    manifest.addProperty("pipeline", "p.Foo");
    manifest.addProperty("step", step);
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("model/w", manager.create(new float[] {value, 2 * value, 3 * value}));
    arrays.put("loop/loss_sum", manager.create(0.5f));
    return new CheckpointFile.Contents(manifest, arrays);
  }

  @Test
  void roundTripKeepsManifestNamesShapesAndValues() throws IOException {
    Path file = dir.resolve("a.ckpt");
    CheckpointFile.write(file, contents(7, 1.5f));
    CheckpointFile.Contents back = CheckpointFile.read(file, manager);
    assertEquals(7, back.manifest().get("step").getAsLong());
    assertEquals(List.of("model/w", "loop/loss_sum"), List.copyOf(back.arrays().keySet()));
    assertArrayEquals(new float[] {1.5f, 3f, 4.5f}, back.arrays().get("model/w").toFloatArray());
    assertEquals(0.5f, back.arrays().get("loop/loss_sum").getFloat());
  }

  @Test
  void truncatedFileIsRefusedByName() throws IOException {
    Path file = dir.resolve("step-000000010.ckpt");
    CheckpointFile.write(file, contents(10, 1));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertTrue(
        e.getMessage().startsWith("step-000000010.ckpt is damaged or truncated"), e.getMessage());
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    Path file = dir.resolve("c.ckpt");
    CheckpointFile.write(file, contents(3, 1));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void foreignFileIsNotTakenForACheckpoint() throws IOException {
    Path file = dir.resolve("step-000000001.ckpt");
    Files.writeString(file, "PK\u0003\u0004 this is a zip, or anything else, but not a checkpoint");
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertTrue(e.getMessage().contains("not a Hasten checkpoint"), e.getMessage());
  }

  @Test
  void newerFormatVersionIsNamed() throws IOException {
    Path file = dir.resolve("v.ckpt");
    CheckpointFile.write(file, contents(1, 1));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 99), CheckpointFile.MAGIC.length);
    }
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
  }

  @Test
  void fullDiskDuringAWriteLeavesThePreviousCheckpointAndNoTemporary() throws IOException {
    Path previous = dir.resolve("step-000000004.ckpt");
    CheckpointFile.write(previous, contents(4, 1));
    byte[] before = Files.readAllBytes(previous);
    // A channel that accepts 64 bytes, then fails the way a full disk does.
    CheckpointFile.ChannelOpener fullDisk =
        path ->
            new FailingChannel(
                FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                64);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                CheckpointFile.write(dir.resolve("step-000000008.ckpt"), contents(8, 2), fullDisk));
    assertEquals("No space left on device", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(previous));
    assertFalse(Files.exists(dir.resolve("step-000000008.ckpt")));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(previous), files.toList());
    }
  }

  @Test
  void newestValidFallsBackPastADamagedNewestWithAWarning() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir, System.err);
    checkpoints.save(5, contents(5, 1));
    Path newest = checkpoints.save(10, contents(10, 2));
    Files.write(newest, "garbage".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    Checkpoints reading =
        new Checkpoints(dir, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    Checkpoints.Loaded loaded = reading.newestValid(manager).orElseThrow();
    assertEquals(5, loaded.contents().manifest().get("step").getAsLong());
    String warning = warnings.toString(StandardCharsets.UTF_8);
    assertTrue(
        warning.startsWith("hasten: warning: skipping checkpoint step-000000010.ckpt"), warning);
    loaded.close();
  }

  @Test
  void onlyTheNewestThreeAreKept() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir, System.err);
    for (long step = 1; step <= 5; step++) {
      checkpoints.save(step, contents(step, step));
    }
    assertEquals(
        List.of("step-000000003.ckpt", "step-000000004.ckpt", "step-000000005.ckpt"),
        checkpoints.list().stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void aFileWhoseNameDoesNotParseAsAStepIsIgnored() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir, System.err);
    checkpoints.save(4, contents(4, 1));
    Files.writeString(checkpoints.folder().resolve("step-99999999999999999999.ckpt"), "stray");
    Files.writeString(checkpoints.folder().resolve("step-4.ckpt"), "another spelling");
    assertEquals(
        List.of("step-000000004.ckpt"),
        checkpoints.list().stream().map(p -> p.getFileName().toString()).toList());
    assertEquals(4, checkpoints.newestValid(manager).orElseThrow().step());
  }

  @Test
  void aHugeSparseFileIsRefusedWithoutBeingRead() throws IOException {
    Path file = dir.resolve("step-000000007.ckpt");
    CheckpointFile.write(file, contents(7, 1));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30); // 3 GiB, sparse: the header is a checkpoint's
    }
    CorruptCheckpointException e =
        assertThrows(
            CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager, 64L << 20));
    assertTrue(
        e.getMessage().contains("is 3221225472 bytes, more than the 67108864 bytes"),
        e.getMessage());
  }

  @Test
  void anArrayDeclaringMoreThanItsSectionHoldsIsRefusedBeforeAllocation() throws IOException {
    // A well-formed file with a valid checksum whose one array claims 2^40 float32 elements.
    java.io.ByteArrayOutputStream section = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(section);
    out.writeInt(1);
    out.writeUTF("model/w");
    out.writeUTF("FLOAT32");
    out.writeInt(1);
    out.writeLong(1L << 40);
    out.writeLong(4L << 40);
    out.writeLong(0);
    Path file = dir.resolve("step-000000001.ckpt");
    Files.write(
        file, framed("{\"step\":1}".getBytes(StandardCharsets.UTF_8), section.toByteArray()));
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertTrue(
        e.getMessage()
            .contains("array model/w declares 4398046511104 bytes; its section has 8 left"),
        e.getMessage());
  }

  @Test
  void aManifestThatIsNotAnObjectIsNamed() throws IOException {
    java.io.ByteArrayOutputStream section = new java.io.ByteArrayOutputStream();
    new java.io.DataOutputStream(section).writeInt(0);
    Path file = dir.resolve("step-000000002.ckpt");
    Files.write(file, framed("[1,2]".getBytes(StandardCharsets.UTF_8), section.toByteArray()));
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> CheckpointFile.read(file, manager));
    assertEquals("step-000000002.ckpt has a manifest that is not a JSON object", e.getMessage());
  }

  /** Magic, version, the sections, and a valid checksum. */
  private static byte[] framed(byte[] manifest, byte[] section) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.write(CheckpointFile.MAGIC);
    out.writeInt(CheckpointFile.VERSION);
    out.writeInt(manifest.length);
    out.write(manifest);
    out.writeLong(section.length);
    out.write(section);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    return bytes.toByteArray();
  }

  @Test
  void junkWithACheckpointsNameNeverCountsAmongTheKept() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir, System.err);
    checkpoints.save(1, contents(1, 1));
    Files.writeString(checkpoints.folder().resolve("step-000000002.ckpt"), "junk");
    Files.writeString(
        checkpoints.folder().resolve("step-000000009.ckpt"), "junk from a later step");
    for (long step = 3; step <= 5; step++) {
      checkpoints.save(step, contents(step, step));
    }
    // The three newest good ones stay; the junk is neither counted nor deleted.
    assertEquals(
        List.of(
            "step-000000002.ckpt",
            "step-000000003.ckpt",
            "step-000000004.ckpt",
            "step-000000005.ckpt",
            "step-000000009.ckpt"),
        checkpoints.list().stream().map(p -> p.getFileName().toString()).toList());
  }
}
