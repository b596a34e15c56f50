package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.rules.GeneratedNames;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.HorizontalFlip;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the tools read from a pipeline class at run time ({@link PipelineSpeedups}: the doctor, the
 * methods table, the export) is what the processor generated: the same speedups, in the loop's
 * order, for a pipeline written in another order that also overrides its recipe.
 */
class LoopOrderTest {
  @Recipe
  @LabelSmoothing(0.2)
  @HorizontalFlip
  @Retention(RetentionPolicy.RUNTIME)
  @interface OrderRecipe {}

  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Ema
  @LabelSmoothing(0.05)
  @MixUp
  @OrderRecipe
  @ProgressiveResizing
  public static class WrittenOutOfLoopOrder {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
    Block model(Models models) {
      return models.resNet(ResNetSize.SMALL, 10);
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }

    @EvalData
    Dataset eval(Datasets data) {
      return data.fashionMnist(Split.TEST);
    }
  }

  @Test
  void theRuntimeReadsTheGeneratedLoopsOrder() throws ReflectiveOperationException {
    // In effect: the recipe's HorizontalFlip (its LabelSmoothing is replaced), then the pipeline's
    // own as written: Ema, LabelSmoothing, MixUp, ProgressiveResizing. In the loop the one
    // CHEAPER_STEPS speedup, ProgressiveResizing, comes first; the rest keep that order.
    List<String> loop =
        List.of("ProgressiveResizing", "HorizontalFlip", "Ema", "LabelSmoothing", "MixUp");
    assertEquals(loop, generatedSpec(WrittenOutOfLoopOrder.class).speedups());
    assertEquals(loop, PipelineSpeedups.of(WrittenOutOfLoopOrder.class).names());
  }

  @Test
  void theDoctorsBatchPartListsTheGeneratedLoopsBatchSpeedupsInItsOrder()
      throws ReflectiveOperationException {
    // What the doctor prints beside the BATCH part: PipelineSpeedups.at(BATCH). The generated
    // order, kept to the speedups whose declaration acts at BATCH, must read the same.
    List<String> generatedAtBatch =
        generatedSpec(WrittenOutOfLoopOrder.class).speedups().stream()
            .filter(name -> actsAt(name, Stage.BATCH))
            .toList();
    assertEquals(List.of("ProgressiveResizing", "HorizontalFlip", "MixUp"), generatedAtBatch);
    assertEquals(
        generatedAtBatch, PipelineSpeedups.of(WrittenOutOfLoopOrder.class).at(Stage.BATCH));
  }

  private static boolean actsAt(String simpleName, Stage stage) {
    Class<? extends Annotation> type =
        SpeedupCatalog.BUILT_IN.stream()
            .filter(t -> t.getSimpleName().equals(simpleName))
            .findFirst()
            .orElseThrow();
    return Arrays.asList(type.getAnnotation(Speedup.class).stages()).contains(stage);
  }

  /** The run spec the processor wrote into the pipeline's generated module. */
  private static RunSpec generatedSpec(Class<?> pipeline) throws ReflectiveOperationException {
    Class<?> module = Class.forName(GeneratedNames.module(pipeline));
    Method spec = module.getDeclaredMethod("spec");
    spec.setAccessible(true);
    return (RunSpec) spec.invoke(module.getDeclaredConstructor().newInstance());
  }
}
