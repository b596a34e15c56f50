package dev.hasten.runtime.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small PNG images for the image-folder tests. */
final class ImageFolders {
  private ImageFolders() {}

  /** A grey PNG of {@code rows} (each row left to right), at {@code file}. */
  static Path grey(Path file, int[][] rows) throws IOException {
    BufferedImage image =
        new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length; x++) {
        image.getRaster().setSample(x, y, 0, rows[y][x]);
      }
    }
    return write(file, image);
  }

  /** A grey PNG of one value everywhere. */
  static Path flat(Path file, int size, int value) throws IOException {
    int[][] rows = new int[size][size];
    for (int[] row : rows) {
      java.util.Arrays.fill(row, value);
    }
    return grey(file, rows);
  }

  /** An RGB PNG whose pixels are {@code 0xRRGGBB} values. */
  static Path rgb(Path file, int[][] rows) throws IOException {
    BufferedImage image =
        new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length; x++) {
        image.setRGB(x, y, rows[y][x]);
      }
    }
    return write(file, image);
  }

  private static Path write(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    return file;
  }

  /**
   * {@code classes} class folders of {@code perClass} flat 4×4 grey images each, under {@code
   * root}; image {@code i} of class {@code c} has the value {@code 10·c + i}.
   */
  static Path classes(Path root, int classes, int perClass) throws IOException {
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) {
        flat(root.resolve("c" + c).resolve(String.format("%03d.png", i)), 4, 10 * c + i);
      }
    }
    return root;
  }
}
