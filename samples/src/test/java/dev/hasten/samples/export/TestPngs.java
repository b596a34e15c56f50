package dev.hasten.samples.export;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.data.FashionMnist;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Grey PNG files cut from the IDX test split of a data folder, as a user would feed predict. */
public final class TestPngs {
  private TestPngs() {}

  /** Writes the first {@code count} test images to {@code dir/test-<i>.png}. */
  public static List<Path> cut(Path data, int count, Path dir) throws IOException {
    IdxImages images = IdxReader.readImages(data.resolve(FashionMnist.imageFile(Split.TEST)));
    int rows = images.rows();
    int cols = images.cols();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage png = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < rows; y++) {
        for (int x = 0; x < cols; x++) {
          png.getRaster()
              .setSample(x, y, 0, images.pixels()[i * rows * cols + y * cols + x] & 0xff);
        }
      }
      Path file = dir.resolve("test-" + i + ".png");
      ImageIO.write(png, "png", file.toFile());
      files.add(file);
    }
    return files;
  }
}
