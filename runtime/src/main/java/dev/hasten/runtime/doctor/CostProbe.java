package dev.hasten.runtime.doctor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import java.util.Arrays;

/**
 * Two small measurements the doctor makes off the training clock, to tell fixed costs from
 * arithmetic:
 *
 * <ul>
 *   <li>the cost of one allocating native call on the device (a one-element add and its free),
 *       which times the per-op overhead;
 *   <li>the model's forward pass at the pipeline's batch size and at an eighth of it (of images, or
 *       of a language model's windows of token ids), in inference mode so that nothing of the run
 *       changes (no gradients, BatchNorm's running statistics untouched). With {@code t(n) = fixed
 *       + perExample · n}, the fixed part is what a step pays whatever its batch: per-op overhead.
 * </ul>
 */
final class CostProbe {
  private static final int OP_CALLS = 2000;
  private static final int WARM_UPS = 2;
  private static final int REPEATS = 5;

  private double microsPerCall = Double.NaN;
  private double forwardMillisFull = Double.NaN;
  private double forwardMillisSmall = Double.NaN;
  private int fullBatch;
  private int smallBatch;

  /** Measures both, on the run's device, with the run's model as it is now. */
  void measure(Run run) {
    measure(run.model(), run.spec(), run.manager(), run.device().isGpu());
  }

  /**
   * Measures both with {@code model}, initialised in {@code manager}, on inputs of {@code spec}'s
   * batch; {@code sync} waits for an asynchronous device before each clock reading.
   */
  void measure(Block model, RunSpec spec, NDManager manager, boolean sync) {
    try (NDManager scratch = manager.newSubManager()) {
      microsPerCall = microsPerAllocatingCall(scratch, sync);
    }
    fullBatch = spec.batchSize();
    smallBatch = Math.max(1, fullBatch / 8);
    ParameterStore parameters = new ParameterStore(manager, false);
    forwardMillisFull = forwardMillis(model, spec, manager, parameters, fullBatch, sync);
    forwardMillisSmall = forwardMillis(model, spec, manager, parameters, smallBatch, sync);
  }

  private static double microsPerAllocatingCall(NDManager scratch, boolean sync) {
    NDArray a = scratch.ones(new Shape(1));
    NDArray b = scratch.ones(new Shape(1));
    for (int i = 0; i < OP_CALLS / 10; i++) {
      a.add(b).close();
    }
    long start = System.nanoTime();
    for (int i = 0; i < OP_CALLS; i++) {
      a.add(b).close();
    }
    if (sync) {
      DeviceSync.await(scratch);
    }
    return (System.nanoTime() - start) / 1e3 / OP_CALLS;
  }

  private static double forwardMillis(
      Block model,
      RunSpec spec,
      NDManager manager,
      ParameterStore parameters,
      int batch,
      boolean sync) {
    double[] times = new double[REPEATS];
    try (NDManager scratch = manager.newSubManager()) {
      NDArray x = scratch.zeros(oneBatch(spec, batch), inputType(spec));
      for (int i = 0; i < WARM_UPS + REPEATS; i++) {
        long start = System.nanoTime();
        // The scope frees what the pass makes outside its manager too (a block may attach arrays to
        // its parameters' manager), so the probe leaves no array alive to count as the run's.
        try (NDScope scope = new NDScope();
            NDManager pass = scratch.newSubManager()) {
          NDArray input = x.duplicate();
          input.attach(pass);
          model.forward(parameters, new NDList(input), false);
          if (sync) {
            DeviceSync.await(pass);
          }
        }
        if (i >= WARM_UPS) {
          times[i - WARM_UPS] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Arrays.sort(times);
    return times[REPEATS / 2];
  }

  /**
   * The shape of a batch of {@code batch} examples: windows of token ids {@code [batch, T]} for a
   * language model, images {@code [batch, C, H, W]} otherwise.
   */
  static Shape oneBatch(RunSpec spec, int batch) {
    return spec.isSequenceTask()
        ? new Shape(batch, spec.sequenceLength())
        : new Shape(batch, spec.channels(), spec.height(), spec.width());
  }

  /** Token ids are int64 (zeros are token 0, a valid id); images float32. */
  static DataType inputType(RunSpec spec) {
    return spec.isSequenceTask() ? DataType.INT64 : DataType.FLOAT32;
  }

  /** Microseconds of one allocating native call and its free; NaN before {@link #measure}. */
  double microsPerCall() {
    return microsPerCall;
  }

  double forwardMillisFull() {
    return forwardMillisFull;
  }

  double forwardMillisSmall() {
    return forwardMillisSmall;
  }

  int fullBatch() {
    return fullBatch;
  }

  int smallBatch() {
    return smallBatch;
  }

  /**
   * The share of a forward pass at the full batch that does not depend on the batch size, in [0,
   * 1]: {@code fixed / t(full)} with {@code fixed = t(small) − perExample · small} and {@code
   * perExample = (t(full) − t(small)) / (full − small)}. NaN if not measured.
   */
  double fixedForwardFraction() {
    if (!(forwardMillisFull > 0) || fullBatch == smallBatch) {
      return Double.NaN;
    }
    return fixedFraction(forwardMillisFull, fullBatch, forwardMillisSmall, smallBatch);
  }

  /** The arithmetic of {@link #fixedForwardFraction}, for any two measurements. */
  static double fixedFraction(double fullMillis, int full, double smallMillis, int small) {
    double perExample = (fullMillis - smallMillis) / (full - small);
    double fixed = smallMillis - perExample * small;
    return Math.max(0, Math.min(1, fixed / fullMillis));
  }
}
