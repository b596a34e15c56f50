package dev.hasten.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Dataset;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A fast check, for a user's own tests, that a pipeline runs: it builds the pipeline's real model
 * and its speedups through the generated trainer, as {@link Hasten#train} does, gives it one small
 * batch of the declared image shape in place of the pipeline's data, and runs one training step and
 * one evaluation batch on the CPU.
 *
 * <pre>{@code
 * @Test
 * void runsOneStep() {
 *   PipelineCheck.of(MyPipeline.class).runsOneStep();
 * }
 * }</pre>
 *
 * <p>It fails as a run would, with the run's message, before any data is read: a model whose
 * declared traits it does not have ({@code @Model declares RESIDUAL but the model has no residual
 * block; …}) or a speedup that cannot run on it fail with an {@link AssertionError} carrying the
 * run's one-line message; a model that does not fit the declared image shape or classes fails with
 * the engine's own exception, as the run's first step would. It takes seconds: the pipeline's data
 * methods are not called, so a run's data loading is not part of it.
 *
 * <p>The batch holds {@code batchSize} images of the declared {@code @ImageClassification} shape,
 * drawn from a standard normal distribution (the scale of normalised images), with the labels
 * {@code 0, 1, …} in turn; the evaluation batch is another such batch. For a
 * {@code @LanguageModeling} pipeline it holds windows of random token ids instead. The step trains
 * with the pipeline's optimizer, schedule and every speedup, in the generated loop's order.
 */
public final class PipelineCheck {
  private final Class<?> pipeline;
  private Path out;

  private PipelineCheck(Class<?> pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * A check of {@code pipeline}, a class annotated {@code @Pipeline} and compiled with the
   * processor.
   */
  public static PipelineCheck of(Class<?> pipeline) {
    return new PipelineCheck(pipeline);
  }

  /**
   * Keeps the one-step run's folder ({@code metrics.jsonl}, {@code summary.json}, its checkpoint
   * and model) in {@code folder}, which must not hold a run yet; by default it goes to a temporary
   * folder, deleted afterwards.
   */
  public PipelineCheck optOut(Path folder) {
    this.out = folder;
    return this;
  }

  /**
   * Runs one training step and one evaluation batch.
   *
   * @return the run's result: one step, and the accuracy of the evaluation batch if the pipeline
   *     has {@code @EvalData}
   * @throws AssertionError with the run's one-line message, if the run refuses the pipeline
   */
  public RunResult runsOneStep() {
    Path folder = out;
    Path temporary = null;
    try {
      if (folder == null) {
        temporary = Files.createTempDirectory("hasten-check-");
        folder = temporary.resolve("run");
      }
      RunOptions options =
          RunOptions.defaults()
              .withMaxSteps(1)
              .withOut(folder)
              .withDevice(RunOptions.DeviceChoice.CPU)
              .withProgressBar(false);
      RunResult result;
      try {
        result = Hasten.train(pipeline, options, new SmallBatches());
      } catch (InvalidInputException e) {
        throw new AssertionError(e.getMessage(), e);
      }
      if (result.steps() != 1) {
        throw new AssertionError(
            pipeline.getSimpleName() + " took " + result.steps() + " steps where one was asked");
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the run: " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        deleteTree(temporary);
      }
    }
  }

  /** One batch of training data and one of evaluation data, in place of the pipeline's. */
  static final class SmallBatches extends AbstractModule {
    @Provides
    @Named("train")
    Dataset train(RunSpec spec, NDManager manager) {
      return batch(spec, manager, spec.seed());
    }

    @Provides
    @Named("eval")
    Dataset eval(RunSpec spec, NDManager manager) {
      return batch(spec, manager, spec.seed() + 1);
    }
  }

  /** {@code batchSize} standard-normal images of the spec's shape, labelled 0, 1, … in turn. */
  static Dataset batch(RunSpec spec, NDManager manager, long seed) {
    if (spec.isSequenceTask()) {
      return windows(spec, manager, seed);
    }
    int size = spec.batchSize();
    int pixels = spec.channels() * spec.height() * spec.width();
    Random random = new Random(seed);
    float[] values = new float[size * pixels];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    long[] labels = new long[size];
    for (int i = 0; i < size; i++) {
      labels[i] = i % spec.classes();
    }
    NDArray images =
        manager.create(values, new Shape(size, spec.channels(), spec.height(), spec.width()));
    NDArray targets = manager.create(labels).toType(DataType.INT64, false);
    return new ArrayDataset.Builder()
        .setData(images)
        .optLabels(targets)
        .setSampling(size, false)
        .build();
  }

  /**
   * For a language model: {@code batchSize} windows of {@code sequenceLength} uniformly random
   * token ids, each labelled with its own tokens one place on (the next token, as text is).
   */
  static Dataset windows(RunSpec spec, NDManager manager, long seed) {
    int size = spec.batchSize();
    int length = spec.sequenceLength();
    Random random = new Random(seed);
    long[] tokens = new long[size * (length + 1)];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextInt(spec.classes());
    }
    NDArray rows = manager.create(tokens, new Shape(size, length + 1));
    return new ArrayDataset.Builder()
        .setData(rows.get(":, :" + length))
        .optLabels(rows.get(":, 1:"))
        .setSampling(size, false)
        .build();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is not the check's failure.
    }
  }
}
