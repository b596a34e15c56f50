package dev.hasten.samples;

import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxLabels;
import dev.hasten.runtime.data.IdxReader;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * The runtime's embedded Fashion-MNIST subset as an image folder ({@code train/<label>/<n>.png},
 * {@code test/<label>/<n>.png}) and, for comparison, as IDX files holding the same images in the
 * order the folder lists them (by class, then by number): a run on either sees the same images in
 * the same order.
 */
final class FashionPngs {
  private static final String SUBSET = "/dev/hasten/runtime/data/fashion-mnist-subset/";

  private FashionPngs() {}

  /**
   * Writes both forms: the PNG folder at {@code pngs}, the class-ordered IDX files at {@code idx}.
   */
  static void write(Path pngs, Path idx) throws IOException {
    for (String split : new String[] {"train", "t10k"}) {
      IdxImages images = readImages(split + "-images-idx3-ubyte.gz");
      IdxLabels labels = readLabels(split + "-labels-idx1-ubyte.gz");
      String folder = split.equals("train") ? "train" : "test";
      for (int i = 0; i < images.count(); i++) {
        png(
            images,
            i,
            pngs.resolve(folder)
                .resolve(Integer.toString(labels.label(i)))
                .resolve(String.format("%05d.png", i)));
      }
      int[] order =
          IntStream.range(0, images.count())
              .boxed()
              .sorted(Comparator.comparingInt(labels::label).thenComparingInt(i -> i))
              .mapToInt(Integer::intValue)
              .toArray();
      writeIdx(idx.resolve(split + "-images-idx3-ubyte.gz"), images, labels, order, true);
      writeIdx(idx.resolve(split + "-labels-idx1-ubyte.gz"), images, labels, order, false);
    }
  }

  /**
   * Writes only the first {@code trainPerClass} and {@code testPerClass} images of each class, in
   * the layout and with the names {@link #write} gives them: a small folder for tests that train on
   * it several times.
   */
  static void writeSmall(Path pngs, int trainPerClass, int testPerClass) throws IOException {
    for (String split : new String[] {"train", "t10k"}) {
      IdxImages images = readImages(split + "-images-idx3-ubyte.gz");
      IdxLabels labels = readLabels(split + "-labels-idx1-ubyte.gz");
      String folder = split.equals("train") ? "train" : "test";
      int limit = split.equals("train") ? trainPerClass : testPerClass;
      int[] written = new int[10];
      for (int i = 0; i < images.count(); i++) {
        int label = labels.label(i);
        if (written[label]++ < limit) {
          png(
              images,
              i,
              pngs.resolve(folder)
                  .resolve(Integer.toString(label))
                  .resolve(String.format("%05d.png", i)));
        }
      }
    }
  }

  private static void png(IdxImages images, int index, Path file) throws IOException {
    BufferedImage image =
        new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] raster = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(images.pixels(), index * images.imageBytes(), raster, 0, images.imageBytes());
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void writeIdx(
      Path file, IdxImages images, IdxLabels labels, int[] order, boolean pixels)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      if (pixels) {
        out.writeInt(0x803);
        out.writeInt(order.length);
        out.writeInt(images.rows());
        out.writeInt(images.cols());
        for (int i : order) {
          out.write(images.pixels(), i * images.imageBytes(), images.imageBytes());
        }
      } else {
        out.writeInt(0x801);
        out.writeInt(order.length);
        for (int i : order) {
          out.writeByte(labels.label(i));
        }
      }
    }
  }

  private static IdxImages readImages(String file) throws IOException {
    try (InputStream in = FashionPngs.class.getResourceAsStream(SUBSET + file)) {
      return IdxReader.readImages(file, in);
    }
  }

  private static IdxLabels readLabels(String file) throws IOException {
    try (InputStream in = FashionPngs.class.getResourceAsStream(SUBSET + file)) {
      return IdxReader.readLabels(file, in);
    }
  }
}
