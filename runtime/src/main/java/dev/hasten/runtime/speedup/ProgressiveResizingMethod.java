package dev.hasten.runtime.speedup;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.ResizeMode;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/**
 * {@link ProgressiveResizing}: trains on smaller images early in the run and grows them to full
 * size, resizing each batch on the device after it is loaded (resizing on the host, or twice,
 * wastes the gain: Composer #728).
 *
 * <p>Composer's schedule over the run's progress {@code p}: the scale is {@code initialScale} while
 * {@code p < delayFraction}, 1 once {@code p ≥ 1 − finetuneFraction}, and grows linearly from
 * {@code initialScale} to 1 in between. A side is the full side times the scale, rounded to the
 * nearest multiple of {@code sizeIncrement} as Composer pins it ({@code round(w·s / inc)·inc}, ties
 * to the even multiple like Python's {@code round}), at least one increment and at most the full
 * side, and exactly the full side at scale 1, so the last part of the run trains at the size
 * evaluation uses (and evaluation never resizes). At Composer's defaults a 28-pixel side trains at
 * 16 for the first half (28·0.5 = 14, 3.5 increments, rounds to 4): an earlier version rounded
 * down, to 12, training on a third fewer pixels per side than Composer does.
 *
 * <p>Composer's {@code resize} mode interpolates nearest-neighbour; this one is bilinear with
 * antialiasing (below), which does not alias when down-scaling by a non-integer factor.
 *
 * <p>{@code CROP} mode (Composer's {@code crop}) cuts a window of those sides out of the
 * full-resolution batch, at one place per batch drawn from {@code
 * step.random("progressive-resizing")}. Where it differs from Composer: Composer's window sides are
 * {@code int(scale·side)}, not pinned to the increment; here both modes train at the same sides.
 * Composer draws the top-left corner with {@code randint(side − window)}, which never puts the
 * window against the bottom or right edge (and fails when the window is the full side); here every
 * position, those included, is equally likely.
 *
 * <p>The resize is bilinear through DJL's PyTorch engine, which (DJL 0.36) always passes {@code
 * align_corners=false} and turns on {@code antialias} for bilinear: down-scaling averages over a
 * triangle filter as wide as the scale, like PIL, instead of sampling two pixels.
 */
public final class ProgressiveResizingMethod implements BatchTransform {
  private final double initialScale;
  private final double delayFraction;
  private final double finetuneFraction;
  private final int sizeIncrement;
  private final ResizeMode mode;

  /** From the pipeline's annotation. */
  public ProgressiveResizingMethod(ProgressiveResizing config) {
    this(
        config.initialScale(),
        config.delayFraction(),
        config.finetuneFraction(),
        config.sizeIncrement(),
        config.mode());
  }

  /** Resizing the whole image ({@code RESIZE}). */
  public ProgressiveResizingMethod(
      double initialScale, double delayFraction, double finetuneFraction, int sizeIncrement) {
    this(initialScale, delayFraction, finetuneFraction, sizeIncrement, ResizeMode.RESIZE);
  }

  /**
   * @param initialScale the scale at the start, in (0, 1]
   * @param delayFraction the fraction of the run at {@code initialScale}, in [0, 1]
   * @param finetuneFraction the fraction of the run, at the end, at full size, in [0, 1], with
   *     {@code delayFraction + finetuneFraction ≤ 1}
   * @param sizeIncrement sides are multiples of this many pixels while growing, ≥ 1
   * @param mode whether a smaller image is the whole image scaled down or a window of it
   */
  public ProgressiveResizingMethod(
      double initialScale,
      double delayFraction,
      double finetuneFraction,
      int sizeIncrement,
      ResizeMode mode) {
    if (!(initialScale > 0 && initialScale <= 1)) {
      throw new IllegalArgumentException("initialScale must be in (0, 1], got " + initialScale);
    }
    if (!(delayFraction >= 0 && delayFraction <= 1)) {
      throw new IllegalArgumentException("delayFraction must be in [0, 1], got " + delayFraction);
    }
    if (!(finetuneFraction >= 0 && finetuneFraction <= 1)) {
      throw new IllegalArgumentException(
          "finetuneFraction must be in [0, 1], got " + finetuneFraction);
    }
    if (delayFraction + finetuneFraction > 1) {
      throw new IllegalArgumentException(
          "delayFraction + finetuneFraction must be at most 1, got "
              + delayFraction
              + " + "
              + finetuneFraction);
    }
    if (sizeIncrement < 1) {
      throw new IllegalArgumentException("sizeIncrement must be >= 1, got " + sizeIncrement);
    }
    this.initialScale = initialScale;
    this.delayFraction = delayFraction;
    this.finetuneFraction = finetuneFraction;
    this.sizeIncrement = sizeIncrement;
    this.mode = mode;
  }

  @Override
  public void transformBatch(Step step) {
    NDArray inputs = step.inputs();
    Shape shape = inputs.getShape();
    int height = Math.toIntExact(shape.get(2));
    int width = Math.toIntExact(shape.get(3));
    int newHeight = sideAt(step.progress(), height);
    int newWidth = sideAt(step.progress(), width);
    if (newHeight == height && newWidth == width) {
      return;
    }
    if (mode == ResizeMode.CROP) {
      Random random = step.random("progressive-resizing");
      int top = random.nextInt(height - newHeight + 1);
      int left = random.nextInt(width - newWidth + 1);
      step.setInputs(crop(inputs, top, left, newHeight, newWidth));
    } else {
      step.setInputs(resize(inputs, newHeight, newWidth));
    }
  }

  /**
   * The window of an NCHW batch with its top-left corner at ({@code top}, {@code left}) and {@code
   * height × width} pixels: a new array in the batch's manager.
   */
  public static NDArray crop(NDArray nchw, int top, int left, int height, int width) {
    return nchw.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + height, left, left + width));
  }

  /** The scale of the images at {@code progress} (the fraction of the run done), in (0, 1]. */
  public double scaleAt(double progress) {
    if (progress < delayFraction) {
      return initialScale;
    }
    double fullFrom = 1.0 - finetuneFraction;
    if (progress >= fullFrom) {
      return 1.0;
    }
    // Only reached when delayFraction ≤ progress < fullFrom, so the span is positive.
    double grown = (progress - delayFraction) / (fullFrom - delayFraction);
    return initialScale + (1.0 - initialScale) * grown;
  }

  /**
   * The side, in pixels, that an image side of {@code fullSide} has at {@code progress}: the scaled
   * side rounded to the nearest multiple of {@code sizeIncrement} (ties to even), at least one
   * increment but never above the full side, and the full side itself at scale 1.
   */
  public int sideAt(double progress, int fullSide) {
    double scale = scaleAt(progress);
    if (scale >= 1.0) {
      return fullSide;
    }
    // Composer's arithmetic, in its order, so that ties such as 28·0.5/4 = 3.5 fall the same way.
    int increments = (int) Math.rint(fullSide * scale / sizeIncrement);
    int pinned = Math.max(increments, 1) * sizeIncrement;
    return Math.min(pinned, fullSide);
  }

  /**
   * A bilinear resize of an NCHW batch to {@code height × width} on its device: a new array in the
   * batch's manager.
   */
  public static NDArray resize(NDArray nchw, int height, int width) {
    // The PyTorch engine reads the mode as ai.djl.modality.cv.Image.Interpolation's ordinal
    // (NEAREST 0, BILINEAR 1, AREA 2, BICUBIC 3) and maps it to torch's kBilinear itself.
    return nchw.getNDArrayInternal()
        .interpolation(new long[] {height, width}, Image.Interpolation.BILINEAR.ordinal(), false);
  }
}
