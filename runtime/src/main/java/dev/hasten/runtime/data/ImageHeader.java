package dev.hasten.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The size an image file declares, read from its header before anything is decoded. Java's decoders
 * allocate the whole raster a header declares, so a small file can ask for gigabytes (a 1 KB PNG
 * may declare 100,000 × 100,000 pixels); every image Hasten decodes is checked here first, which
 * bounds what decoding one file may allocate.
 */
public final class ImageHeader {
  /**
   * The most pixels an image may declare: 2^25 (5,792 × 5,792), a decoded raster of at most 128 MiB
   * at four bytes a pixel. Training sizes are 32 to 256 px; a photograph from a 30-megapixel camera
   * still fits.
   */
  public static final long MAX_PIXELS = 1L << 25;

  private ImageHeader() {}

  /**
   * Checks that {@code file}'s header declares at most {@link #MAX_PIXELS} pixels; a file no
   * decoder recognises passes, for the decoder to refuse.
   *
   * @throws IOException naming the declared size when it is larger, or if the file cannot be read
   */
  public static void requireDecodable(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > MAX_PIXELS) {
          throw new IOException(
              "declares "
                  + width
                  + "×"
                  + height
                  + " pixels, more than the "
                  + MAX_PIXELS
                  + " an image may have");
        }
      } finally {
        reader.dispose();
      }
    }
  }
}
