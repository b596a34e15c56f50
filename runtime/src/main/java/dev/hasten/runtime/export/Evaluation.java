package dev.hasten.runtime.export;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageDataset;

/**
 * A loaded model's accuracy, mean cross-entropy and confusion matrix on labelled images, computed
 * as a training run's evaluation computes them: the model in inference mode, chunks of {@value
 * #CHUNK} examples, the loss as {@code −log softmax} of the true class.
 *
 * @param examples the images evaluated
 * @param correct how many the model classified right
 * @param loss the mean cross-entropy
 * @param confusion {@code confusion[true][predicted]} counts
 * @param logits the model's outputs, {@code examples × classes}, row by row
 */
public record Evaluation(
    long examples, long correct, double loss, long[][] confusion, float[] logits) {
  /** The chunk size of a training run's evaluation. */
  static final int CHUNK = 500;

  /** {@code correct / examples}, as a run's {@code test_acc}. */
  public double accuracy() {
    return correct / (double) examples;
  }

  /**
   * Evaluates {@code model} (as {@link HastenModel#load} returns it) on {@code data}.
   *
   * @throws InvalidInputException if the model is a language model, or the images are not of its
   *     input shape
   */
  public static Evaluation of(Model model, ImageDataset data) {
    ModelDescription d = HastenModel.description(model);
    HastenModel.requireImageModel(d);
    Shape expected = new Shape(d.channels(), d.height(), d.width());
    if (!data.imageShape().equals(expected)) {
      throw new InvalidInputException(
          "the evaluation images are "
              + data.imageShape()
              + " (channels, height, width); the model takes "
              + expected);
    }
    int classes = d.classNames().size();
    NDArray images = data.images();
    NDArray labels = data.labels();
    long examples = images.getShape().get(0);
    long[][] confusion = new long[classes][classes];
    float[] logits = new float[Math.toIntExact(examples * classes)];
    double loss;
    long correct;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(manager, false);
      PredictionTally tally = new PredictionTally(manager);
      for (long from = 0; from < examples; from += CHUNK) {
        try (NDManager chunk = manager.newSubManager()) {
          NDIndex range = new NDIndex(from + ":" + Math.min(from + CHUNK, examples));
          NDArray x = images.get(range).toDevice(manager.getDevice(), false);
          NDArray y = labels.get(range).toDevice(manager.getDevice(), false);
          x.attach(chunk);
          y.attach(chunk);
          NDArray out = model.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
          out.attach(chunk);
          tally.add(out, y);
          float[] chunkLogits = out.toFloatArray();
          System.arraycopy(
              chunkLogits, 0, logits, Math.toIntExact(from * classes), chunkLogits.length);
          long[] predicted = out.argMax(-1).toLongArray();
          long[] truth = y.toLongArray();
          for (int i = 0; i < truth.length; i++) {
            confusion[(int) truth[i]][(int) predicted[i]]++;
          }
        }
      }
      correct = tally.correct();
      loss = tally.meanLoss();
    }
    return new Evaluation(examples, correct, loss, confusion, logits);
  }
}
