package dev.hasten.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size and channel policy of {@link ImageDecoder}, on images small enough to work out by hand.
 */
class ImageDecoderTest {
  @TempDir Path dir;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private byte[] decode(Path file, int channels, int height, int width) throws IOException {
    byte[] out = new byte[channels * height * width + 2];
    new ImageDecoder(channels, height, width).decode(file, manager, out, 1);
    byte[] image = new byte[channels * height * width];
    System.arraycopy(out, 1, image, 0, image.length);
    return image;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void anImageOfTheTrainingSizeIsTakenPixelForPixel() throws IOException {
    Path file = ImageFolders.grey(dir.resolve("a.png"), new int[][] {{0, 1, 2}, {253, 254, 255}});
    assertArrayEquals(bytes(0, 1, 2, 253, 254, 255), decode(file, 1, 2, 3));
  }

  @Test
  void aWiderImageKeepsItsCentreColumns() throws IOException {
    // 4 wide, 2 high, to 2×2: the scale to cover is max(2/2, 2/4) = 1, so no resampling; the
    // centre crop starts at column (4 − 2) / 2 = 1.
    Path file =
        ImageFolders.grey(dir.resolve("a.png"), new int[][] {{10, 20, 30, 40}, {50, 60, 70, 80}});
    assertArrayEquals(bytes(20, 30, 60, 70), decode(file, 1, 2, 2));
  }

  @Test
  void aLargerImageIsAreaAveragedDown() throws IOException {
    // 4×4 of four flat 2×2 blocks to 2×2: each output pixel averages one block.
    Path file =
        ImageFolders.grey(
            dir.resolve("a.png"),
            new int[][] {{10, 10, 20, 20}, {10, 10, 20, 20}, {30, 30, 40, 40}, {30, 30, 40, 40}});
    assertArrayEquals(bytes(10, 20, 30, 40), decode(file, 1, 2, 2));
  }

  @Test
  void aSmallerImageIsEnlargedBilinearlyToCoverThenCropped() throws IOException {
    // 2 wide, 1 high, to 1×4: the scale to cover is max(1/1, 4/2) = 2, so 4 wide and 2 high, of
    // which the top row is kept ((2 − 1) / 2 = 0). Bilinear with half-pixel centres: output
    // column x samples input position (x + 0.5) / 2 − 0.5 = −0.25, 0.25, 0.75, 1.25, clamped to
    // [0, 1]: 0, 0.75·0 + 0.25·200 = 50, 150, 200.
    Path file = ImageFolders.grey(dir.resolve("a.png"), new int[][] {{0, 200}});
    assertArrayEquals(bytes(0, 50, 150, 200), decode(file, 1, 1, 4));
  }

  @Test
  void colourBecomesLumaForOneChannel() throws IOException {
    // round(0.299·255) = 76, round(0.587·255) = 150, round(0.114·255) = 29.
    Path file =
        ImageFolders.rgb(dir.resolve("a.png"), new int[][] {{0xff0000, 0x00ff00, 0x0000ff}});
    assertArrayEquals(bytes(76, 150, 29), decode(file, 1, 1, 3));
  }

  @Test
  void colourIsStoredChannelMajorAndGreyIsRepeatedForThree() throws IOException {
    Path colour = ImageFolders.rgb(dir.resolve("c.png"), new int[][] {{0x010203, 0x040506}});
    assertArrayEquals(bytes(1, 4, 2, 5, 3, 6), decode(colour, 3, 1, 2));
    Path grey = ImageFolders.grey(dir.resolve("g.png"), new int[][] {{7, 9}});
    assertArrayEquals(bytes(7, 9, 7, 9, 7, 9), decode(grey, 3, 1, 2));
  }

  @Test
  void aFileThatIsNoImageFailsToDecode() throws IOException {
    Path file = Files.write(dir.resolve("bad.png"), bytes(0x89, 'P', 'N', 'G', 1, 2, 3));
    assertThrows(IOException.class, () -> decode(file, 1, 2, 2));
  }

  /**
   * A valid PNG signature and header declaring {@code width × height} 8-bit grey pixels, then one
   * tiny compressed block and the end: a few hundred bytes that ask a decoder for a whole raster.
   */
  static Path pngDeclaring(Path file, int width, int height) throws IOException {
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    png.write(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a));
    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13);
    header
        .putInt(width)
        .putInt(height)
        .put((byte) 8)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    chunk(png, "IHDR", header.array());
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    // Every row of a small image (filter byte 0, then zeros); only the first rows of a large one.
    byte[] rows = new byte[(width + 1) * Math.min(height, 4)];
    deflater.setInput(rows);
    deflater.finish();
    byte[] row = new byte[64 + rows.length];
    chunk(png, "IDAT", java.util.Arrays.copyOf(row, deflater.deflate(row)));
    chunk(png, "IEND", new byte[0]);
    return Files.write(file, png.toByteArray());
  }

  private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data)
      throws IOException {
    java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4).putInt(data.length);
    png.write(length.array());
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    png.write(typeBytes);
    png.write(data);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(typeBytes);
    crc.update(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void anImageDeclaringMorePixelsThanTheBoundIsRefusedByItsHeader() throws IOException {
    // 20,000 × 20,000 = 4·10^8 pixels > 2^25: refused before a 400 MB raster is allocated.
    Path bomb = pngDeclaring(dir.resolve("bomb.png"), 20_000, 20_000);
    IOException e = assertThrows(IOException.class, () -> decode(bomb, 1, 2, 2));
    assertEquals(
        "declares 20000×20000 pixels, more than the 33554432 an image may have", e.getMessage());
    // One just under the bound is decoded as usual (a blank 4×4 grey image here).
    Path small = pngDeclaring(dir.resolve("small.png"), 4, 4);
    assertArrayEquals(new byte[4], decode(small, 1, 2, 2));
  }
}
