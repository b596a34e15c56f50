package dev.hasten.runtime.export;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Pair;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.name.Names;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.rules.GeneratedNames;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.CheckpointFile.Contents;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.guice.HastenModule;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.stage.EvalWeights;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code hasten export}: a run's model folder written from one of its checkpoints, as evaluation
 * would have seen the model at that step. The pipeline class (named in the checkpoint) must be on
 * the class path: its generated module builds the model and the speedups; the checkpoint's weights
 * go into the model, and each speedup that swaps in other weights for evaluation ({@code @Ema},
 * {@code @Swa}) gets its saved state and swaps them in before the export.
 *
 * <p>A checkpoint taken inside an {@code @Swa} window is refused: its evaluation recomputes the
 * BatchNorm statistics on the training data through the running loop, which an export does not
 * have. The run's own export at its end has them.
 */
public final class CheckpointExport {

  /**
   * The largest checkpoint an export reads. It is read before the model is built (its manifest
   * names the pipeline), so the bound a resume derives from the model's size is not known yet.
   */
  private static final long MAX_CHECKPOINT_BYTES = 4L << 30;

  private CheckpointExport() {}

  /**
   * Writes {@code modelDir} (replacing it) from {@code checkpoint} (a file, or a name in {@code
   * runDir/checkpoints}), or from the newest valid checkpoint when it is null.
   *
   * @param modelDir where the model folder goes; {@code runDir/model} when null
   * @return the model folder written
   * @throws InvalidInputException if the run folder, the checkpoint or the pipeline class is
   *     missing or unusable
   */
  public static Path export(Path runDir, Path checkpoint, Path modelDir, RunOptions options)
      throws IOException {
    if (!Files.isDirectory(runDir)) {
      throw new InvalidInputException(runDir + " is not a run folder");
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Contents contents = read(runDir, checkpoint, manager);
      Class<?> pipeline = pipelineClass(contents.manifest().get("pipeline").getAsString());
      Injector injector = injector(pipeline, options);
      RunSpec spec = injector.getInstance(RunSpec.class);
      Block built = injector.getInstance(Key.get(Block.class, Names.named("model")));
      Block model =
          Architecture.withSurgery(
              built, PipelineSurgery.of(pipeline), spec, pipeline.getClassLoader());
      model.initialize(manager, DataType.FLOAT32, ModelInput.oneExample(spec));
      putWeights(model, contents.arrays());
      swapInEvaluationWeights(injector, pipeline, model, contents.arrays());
      Dataset train = injector.getInstance(Key.get(Dataset.class, Names.named("train")));
      ModelDescription drafted = RunExport.describe(spec, model, train);
      long step = contents.manifest().get("step").getAsLong();
      Path target = modelDir != null ? modelDir : runDir.resolve(ModelFolder.NAME);
      ModelExporter.export(model, drafted.atStep(step), target, RunExport.tokenizerFile(train));
      return target;
    } catch (ProvisionException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidInputException) {
          throw (InvalidInputException) t;
        }
      }
      throw e;
    }
  }

  private static Contents read(Path runDir, Path checkpoint, NDManager manager) throws IOException {
    Checkpoints checkpoints = new Checkpoints(runDir, System.err);
    if (checkpoint == null) {
      return checkpoints
          .newestValid(manager, MAX_CHECKPOINT_BYTES, (file, contents) -> {})
          .orElseThrow(
              () -> new InvalidInputException("no usable checkpoint in " + checkpoints.folder()))
          .contents();
    }
    Path file = Files.exists(checkpoint) ? checkpoint : checkpoints.folder().resolve(checkpoint);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "--checkpoint " + checkpoint + ": no such file (in " + checkpoints.folder() + " either)");
    }
    return CheckpointFile.read(file, manager, MAX_CHECKPOINT_BYTES);
  }

  private static Class<?> pipelineClass(String name) {
    return PipelineClasses.find(name, Thread.currentThread().getContextClassLoader())
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "the checkpoint is of pipeline " + name + ", which is not on the class path"));
  }

  private static Injector injector(Class<?> pipeline, RunOptions options) {
    String name = GeneratedNames.module(pipeline);
    try {
      Module module =
          (Module)
              Class.forName(name, true, pipeline.getClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
      return Guice.createInjector(
          new HastenModule(options.withDevice(RunOptions.DeviceChoice.CPU)), module);
    } catch (ReflectiveOperationException e) {
      throw new InvalidInputException(pipeline.getName() + " has no generated " + name);
    }
  }

  /** The checkpoint's weights and statistics into {@code model}, by parameter name. */
  private static void putWeights(Block model, Map<String, NDArray> arrays) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      NDArray saved = arrays.get(Contents.MODEL + p.getKey());
      NDArray weights = p.getValue().getArray();
      if (saved == null || !saved.getShape().equals(weights.getShape())) {
        throw new InvalidInputException(
            "the checkpoint does not fit the pipeline's model: parameter "
                + p.getKey()
                + (saved == null ? " is missing" : " has shape " + saved.getShape()));
      }
      weights.set(new NDIndex(":"), saved);
    }
  }

  /** Each speedup that swaps weights in for evaluation: its saved state loaded, then swapped in. */
  private static void swapInEvaluationWeights(
      Injector injector, Class<?> pipeline, Block model, Map<String, NDArray> arrays) {
    for (Annotation a : PipelineSpeedups.of(pipeline).annotations()) {
      Speedup speedup = a.annotationType().getAnnotation(Speedup.class);
      Class<?> implementation;
      try {
        implementation = Class.forName(speedup.implementedBy(), true, pipeline.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new InvalidInputException(
            "no class " + speedup.implementedBy() + " for @" + a.annotationType().getSimpleName());
      }
      if (!EvalWeights.class.isAssignableFrom(implementation)) {
        continue;
      }
      Object method = injector.getInstance(implementation);
      String name = decapitalize(a.annotationType().getSimpleName());
      if (method instanceof Stateful) {
        ((Stateful) method)
            .loadState(model, Contents.withPrefix(arrays, Contents.STATE + name + "/"));
      }
      try {
        ((EvalWeights) method).swapIn(model);
      } catch (IllegalStateException e) {
        throw new InvalidInputException(
            "the checkpoint is inside the @"
                + a.annotationType().getSimpleName()
                + " window, where evaluation recomputes BatchNorm statistics in the running loop;"
                + " export a checkpoint from outside it, or the run's own model/ folder");
      }
    }
  }

  /** The generated loop's name for a speedup (as the processor's: "Ema" → "ema"). */
  private static String decapitalize(String simpleName) {
    int upper = 0;
    while (upper < simpleName.length() && Character.isUpperCase(simpleName.charAt(upper))) {
      upper++;
    }
    int cut = upper > 1 && upper < simpleName.length() ? upper - 1 : upper;
    return simpleName.substring(0, cut).toLowerCase(java.util.Locale.ROOT)
        + simpleName.substring(cut);
  }
}
