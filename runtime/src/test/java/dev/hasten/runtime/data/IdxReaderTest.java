package dev.hasten.runtime.data;

import static dev.hasten.runtime.data.IdxFiles.gzip;
import static dev.hasten.runtime.data.IdxFiles.images;
import static dev.hasten.runtime.data.IdxFiles.labels;
import static dev.hasten.runtime.data.IdxFiles.ramp;
import static dev.hasten.runtime.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final String IMAGES = "train-images-idx3-ubyte.gz";
  private static final String LABELS = "train-labels-idx1-ubyte.gz";

  @TempDir Path dir;

  @Test
  void gzippedImageFileIsReadWithItsDimensionsAndPixels() {
    Path file = write(dir, IMAGES, gzip(images(3, 2, 2, ramp(12))));

    IdxImages read = IdxReader.readImages(file);

    assertEquals(3, read.count());
    assertEquals(2, read.rows());
    assertEquals(2, read.cols());
    assertArrayEquals(ramp(12), read.pixels());
    assertEquals(file.toString(), read.source());
  }

  @Test
  void uncompressedFilesAreReadToo() {
    Path file = write(dir, "train-labels-idx1-ubyte", labels((byte) 9, (byte) 0, (byte) 3));

    IdxLabels read = IdxReader.readLabels(file);

    assertEquals(3, read.count());
    assertEquals(9, read.label(0));
    assertEquals(3, read.label(2));
  }

  @Test
  void truncatedImageFileNamesTheAnnouncedAndTheActualSize() {
    // 3 images of 2x2 are 12 bytes; the file holds 7 after the header.
    byte[] whole = images(3, 2, 2, ramp(12));
    Path file = write(dir, IMAGES, gzip(Arrays.copyOf(whole, 16 + 7)));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage()
            .contains(
                IMAGES
                    + " is truncated: the header announces 3 images of 2x2 (12 bytes) but the file"
                    + " holds 7 bytes after the header"),
        e.getMessage());
  }

  @Test
  void truncatedLabelFileNamesTheAnnouncedAndTheActualCount() {
    byte[] whole = labels(new byte[5]);
    Path file = write(dir, LABELS, gzip(Arrays.copyOf(whole, 8 + 2)));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file));

    assertTrue(
        e.getMessage()
            .contains(LABELS + " is truncated: the header announces 5 labels but the file holds 2"),
        e.getMessage());
  }

  @Test
  void fileShorterThanItsHeaderIsTruncated() {
    Path file = write(dir, IMAGES, gzip(new byte[] {0, 0, 8, 3, 0, 0}));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage()
            .contains(IMAGES + " is truncated: it holds 6 bytes, fewer than the 16-byte header"),
        e.getMessage());
  }

  @Test
  void bytesBeyondTheAnnouncedPayloadAreRejected() {
    Path file = write(dir, IMAGES, gzip(images(1, 2, 2, ramp(6))));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage()
            .contains(
                IMAGES
                    + " is longer than its header says: the header announces 1 images of 2x2 (4"
                    + " bytes) but the file holds 6 bytes after the header"),
        e.getMessage());
  }

  @Test
  void wrongMagicNumberIsNamedInHexWithTheExpectedOne() {
    Path file =
        write(dir, IMAGES, gzip(IdxFiles.idx(0x12345678, new int[] {1, 1, 1}, new byte[1])));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage()
            .contains(
                IMAGES
                    + " has magic number 0x12345678, expected 2051 (0x00000803) for an IDX image"
                    + " file"),
        e.getMessage());
  }

  @Test
  void labelFileGivenAsImagesHasTheWrongMagicNumber() {
    Path file = write(dir, IMAGES, gzip(labels((byte) 1)));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage().contains("has magic number 0x00000801, expected 2051"), e.getMessage());
  }

  @Test
  void gzNameWithoutGzipDataIsNotGzipData() {
    Path file = write(dir, LABELS, labels((byte) 1, (byte) 2));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file));

    assertTrue(e.getMessage().startsWith(file + " is not gzip data"), e.getMessage());
  }

  @Test
  void cutGzipStreamIsTruncated() {
    byte[] gz = gzip(images(2, 8, 8, ramp(128)));
    Path file = write(dir, IMAGES, Arrays.copyOf(gz, gz.length / 2));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(e.getMessage().startsWith(file + " is truncated"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve(IMAGES);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void zeroRowsIsAnImpossibleHeader() {
    Path file = write(dir, IMAGES, gzip(images(1, 0, 28, new byte[0])));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(e.getMessage().contains("has an impossible header: row count 0"), e.getMessage());
  }

  @Test
  void gzipFileWithTrailingGarbageIsRefused() {
    byte[] gz = gzip(labels((byte) 1, (byte) 2));
    byte[] withGarbage = Arrays.copyOf(gz, gz.length + 5);
    Arrays.fill(withGarbage, gz.length, withGarbage.length, (byte) 'x');
    Path file = write(dir, LABELS, withGarbage);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file));

    assertEquals(
        file + " is corrupt gzip data: 5 bytes follow the end of the gzip data (trailing garbage)",
        e.getMessage());
  }

  @Test
  void concatenatedGzipMembersAreOneFile() {
    // `cat header.gz pixels.gz` is valid gzip (RFC 1952 2.2), and gunzip reads it whole.
    byte[] whole = images(3, 2, 2, ramp(12));
    byte[] first = gzip(Arrays.copyOf(whole, 10));
    byte[] second = gzip(Arrays.copyOfRange(whole, 10, whole.length));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    Path file = write(dir, IMAGES, both);

    assertArrayEquals(ramp(12), IdxReader.readImages(file).pixels());
  }

  @Test
  void damagedGzipChecksumIsRefused() {
    byte[] gz = gzip(labels((byte) 1, (byte) 2));
    gz[gz.length - 8] ^= 1; // the stored CRC-32
    Path file = write(dir, LABELS, gz);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(file));

    assertTrue(e.getMessage().contains("CRC-32 mismatch"), e.getMessage());
  }

  @Test
  void imageCountIsCheckedAgainstTheLabelsBeforeThePixelsAreRead() {
    // The header promises 2,700,000 images; the file holds none of them. Only the header is read.
    Path labelFile = write(dir, LABELS, gzip(labels(new byte[600])));
    Path imageFile = write(dir, IMAGES, gzip(images(2_700_000, 28, 28, new byte[0])));
    IdxLabels labels = IdxReader.readLabels(labelFile);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(imageFile, labels));

    assertEquals(
        imageFile
            + " holds 2700000 images but "
            + labelFile
            + " holds 600 labels; they must be of"
            + " one split",
        e.getMessage());
  }

  @Test
  void gzipFileAnnouncingMoreThanDeflateCanHoldIsRefusedUnread() {
    // 10,000 images of 28x28 are 7,840,000 bytes; a gzip file of under 100 bytes can inflate to
    // at most 1032 times its size.
    Path file = write(dir, IMAGES, gzip(images(10_000, 28, 28, new byte[0])));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage().contains("announces 10000 images of 28x28 (7,840,000 bytes), more than its")
            && e.getMessage().contains("deflate expands at most 1032 times"),
        e.getMessage());
  }

  @Test
  void headerAnnouncingMoreThanTheBoundIsRefused() {
    // 400,000 images of 28x28 are 313,600,000 bytes, above the 256 MiB an IDX file may hold.
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                IdxReader.readImages(
                    IMAGES,
                    new java.io.ByteArrayInputStream(gzip(images(400_000, 28, 28, new byte[0])))));

    assertEquals(
        IMAGES
            + " announces 400000 images of 28x28 (313,600,000 bytes), more than the"
            + " 268,435,456 bytes an IDX file may hold here",
        e.getMessage());
  }

  @Test
  void plainFileWhoseSizeDisagreesWithItsHeaderIsRefusedUnread() {
    Path file = write(dir, "train-images-idx3-ubyte", images(100_000, 28, 28, new byte[4]));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage()
            .contains(
                "is truncated: the header announces 100000 images of 28x28"
                    + " (78,400,000 bytes) but the file holds 4 bytes after the header"),
        e.getMessage());
  }

  @Test
  void folderInPlaceOfAFileIsNamedSo() throws java.io.IOException {
    Path folder = java.nio.file.Files.createDirectory(dir.resolve(IMAGES));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> IdxReader.readImages(folder));

    assertEquals(folder + " is a folder, not an IDX file", e.getMessage());
  }
}
