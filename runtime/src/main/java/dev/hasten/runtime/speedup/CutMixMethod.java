package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.speedup.CutMix;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import java.util.Random;

/**
 * {@link CutMix} (Yun et al. 2019): each example gets a box cut from another example of the batch
 * pasted over it, and the targets are mixed by area. Per batch: one {@code λ ~ Beta(α, α)}, one box
 * of side ratio {@code sqrt(1 − λ)} (so of area fraction about {@code 1 − λ}) centred uniformly at
 * random and clipped to the image, one permutation. Because clipping shrinks the box, the targets
 * are mixed by the area actually pasted, {@code λ' = 1 − box area / (H·W)} (Composer's adjustment),
 * not by λ. Composer's {@code interpolate_loss} (two losses mixed instead of the targets) is not
 * offered: the cross-entropy is linear in the targets, so it is the same loss ({@code
 * TargetMixingLinearityTest}).
 *
 * <p>The same box serves the whole batch, so the paste is one boolean mask and one {@code where} on
 * the device. Per step: two small uploads (permutation, mask) and seven tensor operations; all
 * draws come from {@code step.random("cutmix")}.
 */
public final class CutMixMethod implements BatchTransform {
  private final BetaDistribution mixing;

  /** From the pipeline's annotation. */
  public CutMixMethod(CutMix config) {
    this(config.alpha());
  }

  /**
   * @param alpha the concentration of the Beta distribution λ is drawn from, > 0
   */
  public CutMixMethod(double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("CutMix alpha must be > 0, got " + alpha);
    }
    this.mixing = BetaDistribution.symmetric(alpha);
  }

  public double alpha() {
    return mixing.alpha();
  }

  @Override
  public void transformBatch(Step step) {
    Random random = step.random("cutmix");
    double lambda = mixing.sample(random);
    Shape shape = step.inputs().getShape();
    int batch = Math.toIntExact(shape.get(0));
    int height = Math.toIntExact(shape.get(2));
    int width = Math.toIntExact(shape.get(3));
    Box box = Box.around(lambda, height, width, random.nextInt(height), random.nextInt(width));
    if (box.isEmpty()) {
      return; // λ' = 1: nothing is pasted and the targets stay as they are
    }
    NDArray perm = Mixing.randomPermutation(step.manager(), random, batch);
    step.setInputs(paste(step.inputs(), perm, box));
    step.setTargets(mixTargets(step.targets(), perm, box, height, width));
  }

  /**
   * The inputs (NCHW) with each example's {@code box} replaced by the same box of example {@code
   * perm[i]}: a new array in {@code inputs}' manager. Pixels are copied, not blended.
   */
  public static NDArray paste(NDArray inputs, NDArray perm, Box box) {
    Shape shape = inputs.getShape();
    int height = Math.toIntExact(shape.get(2));
    int width = Math.toIntExact(shape.get(3));
    Shape maskShape = new Shape(1, 1, height, width);
    NDArray inBox = inputs.getManager().create(box.mask(height, width), maskShape);
    // DJL's where does not broadcast its condition; broadcast is a view, not a copy.
    return NDArrays.where(inBox.broadcast(shape), Mixing.permute(inputs, perm), inputs);
  }

  /**
   * {@code λ'·t + (1 − λ')·t[perm]} with {@code λ' = } {@link Box#keptFraction}: each example keeps
   * its own label in proportion to the area it keeps.
   */
  public static NDArray mixTargets(NDArray targets, NDArray perm, Box box, int height, int width) {
    return Mixing.mix(targets, box.keptFraction(height, width), perm);
  }

  /**
   * A box of pixel rows {@code [top, bottom)} and columns {@code [left, right)}, already clipped to
   * the image.
   */
  public record Box(int top, int left, int bottom, int right) {
    /**
     * The box CutMix pastes for a draw {@code λ}: sides {@code floor(H·sqrt(1 − λ))} and {@code
     * floor(W·sqrt(1 − λ))}, centred on pixel {@code (centreY, centreX)} (the top-left of the two
     * middle pixels for an even side), then clipped to the image. Unlike Composer, whose box spans
     * {@code centre ± side/2} and so loses a pixel on odd sides, the unclipped box here has exactly
     * the drawn side.
     */
    public static Box around(double lambda, int height, int width, int centreY, int centreX) {
      double sideRatio = Math.sqrt(1.0 - lambda);
      int cutHeight = (int) (height * sideRatio);
      int cutWidth = (int) (width * sideRatio);
      int top = centreY - cutHeight / 2;
      int left = centreX - cutWidth / 2;
      return new Box(
          clamp(top, height),
          clamp(left, width),
          clamp(top + cutHeight, height),
          clamp(left + cutWidth, width));
    }

    private static int clamp(int value, int limit) {
      return Math.max(0, Math.min(value, limit));
    }

    public int area() {
      return (bottom - top) * (right - left);
    }

    public boolean isEmpty() {
      return area() == 0;
    }

    /** {@code λ' = 1 − area / (H·W)}: the fraction of each image that is still its own. */
    public double keptFraction(int height, int width) {
      return 1.0 - (double) area() / ((double) height * width);
    }

    /** Row-major {@code H·W} flags, true inside the box. */
    boolean[] mask(int height, int width) {
      boolean[] mask = new boolean[height * width];
      for (int y = top; y < bottom; y++) {
        for (int x = left; x < right; x++) {
          mask[y * width + x] = true;
        }
      }
      return mask;
    }
  }
}
