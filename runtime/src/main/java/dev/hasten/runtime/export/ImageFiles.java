package dev.hasten.runtime.export;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageHeader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Image files read through DJL's {@link ImageFactory}, and how they differ from a model's input.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /**
   * Reads {@code file}.
   *
   * @throws InvalidInputException if it is missing or not an image DJL's image factory decodes
   */
  public static Image read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such file");
    }
    try {
      ImageHeader.requireDecodable(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }
    try {
      Image image = ImageFactory.getInstance().fromFile(file);
      if (image == null || image.getWidth() <= 0) {
        throw new InvalidInputException(file + " is not an image (PNG, JPEG, GIF or BMP)");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException(file + " is not an image (PNG, JPEG, GIF or BMP)", e);
    }
  }

  /**
   * How {@code image} is converted to the model's input, or empty when it already fits: "32×32 RGB,
   * converted to 28×28 grey", say.
   */
  public static Optional<String> conversion(Image image, ModelDescription d) {
    int channels = channels(image).orElse(d.channels());
    if (image.getWidth() == d.width()
        && image.getHeight() == d.height()
        && channels == d.channels()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%dx%d %s, converted to the model's %dx%d %s",
            image.getWidth(),
            image.getHeight(),
            colour(channels),
            d.width(),
            d.height(),
            colour(d.channels())));
  }

  /** The colour channels of an image the default (AWT) factory read; empty for other images. */
  static Optional<Integer> channels(Image image) {
    Object wrapped = image.getWrappedImage();
    if (wrapped instanceof BufferedImage) {
      return Optional.of(((BufferedImage) wrapped).getColorModel().getNumColorComponents());
    }
    return Optional.empty();
  }

  private static String colour(int channels) {
    return channels == 1 ? "grey" : channels == 3 ? "RGB" : channels + "-channel";
  }
}
