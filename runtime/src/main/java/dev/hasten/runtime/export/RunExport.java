package dev.hasten.runtime.export;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.gson.JsonArray;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.ImageSourceDataset;
import dev.hasten.runtime.data.Normalisation;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.export.ModelDescription.ModelSource;
import dev.hasten.runtime.export.ModelDescription.SurgeryStep;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.CatalogBlock;
import dev.hasten.runtime.speedup.HalfPrecisionBlock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's export at its end: the description of the run's model, fixed when the run opens, and the
 * writing of {@code RUN_DIR/model} from the weights the run's last evaluation saw.
 *
 * <p>A model that cannot be described (a Block of one's own whose pipeline class cannot be found,
 * as in a Run opened by hand) is not exported, and the run says so once on stderr; an export that
 * fails does not fail the finished run, whose checkpoints can be exported again with {@code hasten
 * export}.
 */
public final class RunExport {
  private final ModelDescription draft;
  private final byte[] tokenizerFile;
  private final Path modelDir;
  private final PrintStream warnings;

  private RunExport(
      ModelDescription draft, byte[] tokenizerFile, Path modelDir, PrintStream warnings) {
    this.draft = draft;
    this.tokenizerFile = tokenizerFile;
    this.modelDir = modelDir;
    this.warnings = warnings;
  }

  /**
   * The export of a run of {@code model} (after surgery) trained on {@code train}, into {@code
   * outDir/model}.
   */
  public static RunExport of(
      RunSpec spec, Block model, Dataset train, Path outDir, PrintStream warnings) {
    return new RunExport(
        describe(spec, model, train),
        tokenizerFile(train),
        outDir.resolve(ModelFolder.NAME),
        warnings);
  }

  /** The tokenizer file a model trained on {@code train} carries, or null. */
  static byte[] tokenizerFile(Dataset train) {
    return train instanceof TextDataset
        ? ((TextDataset) train).tokenizer().file().orElse(null)
        : null;
  }

  /**
   * What {@code model} is, from the run's spec, its pipeline class and its data: an image model, or
   * a language model when the spec is a sequence task (its classes are then its vocabulary, its
   * tokenizer the text's).
   */
  static ModelDescription describe(RunSpec spec, Block model, Dataset train) {
    List<String> classNames = ImageDataset.numberedClasses(spec.classes());
    Normalisation normalisation = Normalisation.of(0, 1);
    if (train instanceof ImageDataset && ((ImageDataset) train).classes() == spec.classes()) {
      classNames = ((ImageDataset) train).classNames();
      normalisation = ((ImageDataset) train).normalisation();
    } else if (train instanceof ImageSourceDataset
        && ((ImageSourceDataset) train).classes() == spec.classes()) {
      classNames = ((ImageSourceDataset) train).classNames();
      normalisation = ((ImageSourceDataset) train).normalisation();
    }
    Block root = model instanceof HalfPrecisionBlock ? ((HalfPrecisionBlock) model).model() : model;
    ModelSource source = ModelSource.pipelineMethod();
    if (root instanceof CatalogBlock) {
      CatalogBlock catalog = (CatalogBlock) root;
      JsonArray arguments = new JsonArray();
      for (Object a : catalog.arguments()) {
        if (a instanceof Number) {
          arguments.add((Number) a);
        } else {
          arguments.add(a.toString());
        }
      }
      source = new ModelSource(catalog.method(), arguments);
    }
    // A Run opened by hand for a pipeline that is no class has no known surgery; if its model had
    // some, the export finds that the description does not rebuild it and says so.
    List<SurgeryStep> surgery =
        PipelineClasses.find(spec.pipeline(), model.getClass().getClassLoader())
            .or(
                () ->
                    PipelineClasses.find(
                        spec.pipeline(), Thread.currentThread().getContextClassLoader()))
            .map(PipelineSurgery::of)
            .orElse(List.of());
    ModelInput input = ModelInput.of(spec, normalisation);
    if (input instanceof ModelInput.Tokens && train instanceof TextDataset) {
      input =
          ModelInput.Tokens.of(
              ((TextDataset) train).tokenizer(), spec.classes(), spec.sequenceLength());
    }
    if (input instanceof ModelInput.Tokens) {
      return ModelDescription.ofTokens(
          spec.pipeline(), (ModelInput.Tokens) input, source, surgery, spec.speedups(), 0);
    }
    return new ModelDescription(
        spec.pipeline(), classNames, input, source, surgery, spec.speedups(), 0);
  }

  /** Exports {@code model} as it is now, the weights of the evaluation at {@code step}. */
  public void write(Block model, long step) {
    ModelDescription atStep = draft.atStep(step);
    try {
      ModelExporter.export(model, atStep, modelDir, tokenizerFile);
    } catch (IOException | RuntimeException e) {
      warnings.println(
          "hasten: the run finished, but its model was not exported to "
              + modelDir
              + ": "
              + e.getMessage());
    }
  }
}
