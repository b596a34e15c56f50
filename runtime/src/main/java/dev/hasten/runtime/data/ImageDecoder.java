package dev.hasten.runtime.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes one image file, through DJL's {@link ImageFactory}, into the cache's pixels: {@code
 * channels × height × width} unsigned bytes, channel-major (CHW, as the model reads them).
 *
 * <p>Size policy: an image of the training size is taken as it is, pixel for pixel. Any other is
 * scaled, keeping its aspect ratio, by the smallest factor that makes it cover the training size
 * ({@code max(height / h, width / w)}; sides rounded, never below the target), and then its centre
 * is cropped to the training size (the extra pixels split evenly, the odd one on the right or
 * bottom): torchvision's {@code Resize(shorter side)} then {@code CenterCrop} for a square target.
 * Scaling runs on the decoded pixels with DJL's {@link NDImageUtils#resize}: area averaging when
 * shrinking (an exact 2:1 shrink averages each 2×2 block), bilinear when enlarging, rounded to the
 * nearest byte. (DJL's {@code Image.resize} draws through Java2D, which brightens grey images by a
 * gamma conversion: a grey 10 comes back as 56.)
 *
 * <p>Channels: a grey image read for 3 channels is repeated in each; a colour image read for 1
 * channel becomes its luma, {@code round(0.299 R + 0.587 G + 0.114 B)} (DJL's grey conversion).
 * Alpha is dropped.
 */
final class ImageDecoder {
  private final ImageFactory factory = ImageFactory.getInstance();
  private final int channels;
  private final int height;
  private final int width;

  ImageDecoder(int channels, int height, int width) {
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * Decodes {@code file} into {@code into} at {@code offset} ({@code channels · height · width}
   * bytes). The scratch arrays live in {@code manager}, which the caller closes.
   *
   * @throws IOException if the file cannot be read or decoded, whatever the reason
   */
  void decode(Path file, NDManager manager, byte[] into, int offset) throws IOException {
    byte[] hwc;
    try {
      ImageHeader.requireDecodable(file);
      Image image = factory.fromFile(file);
      NDArray pixels =
          image.toNDArray(manager, channels == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR);
      hwc = fitted(pixels, image.getWidth(), image.getHeight()).toByteArray();
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      // DJL's own message repeats the path that the caller's warning already names.
      throw message.startsWith("Failed to read image")
          ? new IOException("not an image that can be decoded (.png, .jpg, .bmp, .gif)", e)
          : e;
    } catch (RuntimeException e) {
      // Java's decoders throw unchecked exceptions on some malformed files.
      throw new IOException("cannot decode it: " + e, e);
    }
    toChannelMajor(hwc, into, offset);
  }

  /** Scales {@code [h, w, c]} uint8 pixels to cover the training size and crops the centre. */
  private NDArray fitted(NDArray pixels, int w, int h) {
    if (w == width && h == height) {
      return pixels;
    }
    double scale = Math.max((double) height / h, (double) width / w);
    int scaledWidth = Math.max(width, (int) Math.round(w * scale));
    int scaledHeight = Math.max(height, (int) Math.round(h * scale));
    NDArray scaled = pixels;
    if (scaledWidth != w || scaledHeight != h) {
      Image.Interpolation how = scale < 1 ? Image.Interpolation.AREA : Image.Interpolation.BILINEAR;
      scaled =
          NDImageUtils.resize(
                  pixels.toType(DataType.FLOAT32, false), scaledWidth, scaledHeight, how)
              .round()
              .clip(0, 255)
              .toType(DataType.UINT8, false);
    }
    int x = (scaledWidth - width) / 2;
    int y = (scaledHeight - height) / 2;
    return scaled.get(new NDIndex("{}:{}, {}:{}, :", y, y + height, x, x + width));
  }

  /** {@code [h, w, c]} to {@code [c, h, w]}. */
  private void toChannelMajor(byte[] hwc, byte[] into, int offset) throws IOException {
    int plane = height * width;
    if (hwc.length != plane * channels) {
      throw new IOException("decoded to " + hwc.length + " bytes, expected " + plane * channels);
    }
    if (channels == 1) {
      System.arraycopy(hwc, 0, into, offset, plane);
      return;
    }
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < channels; c++) {
        into[offset + c * plane + p] = hwc[p * channels + c];
      }
    }
  }
}
