package dev.hasten.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size and channel policy of {@link ImageDecoder}, on images small enough to work out by hand. */
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
    Path file = ImageFolders.grey(dir.resolve("a.png"), new int[][] {{10, 20, 30, 40}, {50, 60, 70, 80}});
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
    Path file = ImageFolders.rgb(dir.resolve("a.png"), new int[][] {{0xff0000, 0x00ff00, 0x0000ff}});
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
}
