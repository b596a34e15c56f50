package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Rule 6: the pipeline's shape, reported on the element or annotation at fault. */
class ShapeErrorsTest {

  private static void assertRejected(String name, String message, String line) {
    String file = "bad/" + name + ".java";
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(file)).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aPipelineWithoutModelIsRejectedOnTheClass() {
    assertRejected(
        "NoModel",
        "NoModel has no @Model method: add one that returns ai.djl.nn.Block",
        "public class NoModel");
  }

  @Test
  void aSecondModelIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoModels",
        "TwoModels has more than one @Model method: keep one of model() and bigModel()",
        "@Model Block bigModel");
  }

  @Test
  void aPipelineWithoutTrainDataIsRejectedOnTheClass() {
    assertRejected(
        "NoTrainData",
        "NoTrainData has no @TrainData method: add one that returns"
            + " ai.djl.training.dataset.Dataset",
        "public class NoTrainData");
  }

  @Test
  void aSecondTrainDataIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoTrainData",
        "TwoTrainData has more than one @TrainData method: keep one of train() and moreTrain()",
        "@TrainData Dataset moreTrain");
  }

  @Test
  void aSecondEvalDataIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoEvalData",
        "TwoEvalData has more than one @EvalData method: keep one of eval() and eval2()",
        "@EvalData Dataset eval2");
  }

  @Test
  void aModelThatIsNotABlockIsRejectedOnTheMethod() {
    assertRejected(
        "WrongModelReturnType",
        "@Model method model() must return ai.djl.nn.Block, not java.lang.Object",
        "Object model(Models models)");
  }

  @Test
  void dataThatIsNotADatasetIsRejectedOnTheMethod() {
    assertRejected(
        "WrongDataReturnType",
        "@TrainData method train() must return ai.djl.training.dataset.Dataset, not"
            + " java.util.List<java.lang.String>",
        "java.util.List<String> train(Datasets data)");
  }

  @Test
  void aPipelineWithoutTaskIsRejectedOnTheClass() {
    assertRejected(
        "NoTask",
        "NoTask has no task annotation: add one, e.g. @ImageClassification(channels = 1, height ="
            + " 28, width = 28, classes = 10)",
        "public class NoTask");
  }

  @Test
  void aSecondTaskIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoTasks",
        "TwoTasks has more than one task: keep one of @ImageClassification and @TextClassification",
        "@TextClassification(classes = 4)");
  }

  @Test
  void aSecondOptimizerIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoOptimizers",
        "TwoOptimizers has more than one optimizer: keep one of @Sgd and @AdamW",
        "@AdamW(lr = 0.001)");
  }

  @Test
  void muonIsAnOptimizerLikeTheOthersSoItExcludesAdamW() {
    assertRejected(
        "MuonWithAdamW",
        "MuonWithAdamW has more than one optimizer: keep one of @AdamW and @Muon",
        "@Muon");
  }

  @Test
  void aSecondScheduleIsRejectedOnItsAnnotation() {
    assertRejected(
        "TwoSchedules",
        "TwoSchedules has more than one schedule: keep one of @CosineLr and @LinearLr",
        "@LinearLr");
  }

  @Test
  void aPrivatePipelineIsRejected() {
    assertRejected(
        "PrivatePipeline",
        "Pipeline Nested cannot be private: the generated module refers to it",
        "private static class Nested");
  }

  @Test
  void anAbstractPipelineIsRejected() {
    assertRejected(
        "AbstractPipeline",
        "Pipeline AbstractPipeline cannot be abstract: Guice creates an instance of it",
        "public abstract class AbstractPipeline");
  }

  @Test
  void anInnerClassPipelineIsRejected() {
    assertRejected(
        "InnerPipeline",
        "Pipeline Nested cannot be an inner class: make it static or top-level, so that Guice can"
            + " create it",
        "class Nested {");
  }

  @Test
  void aPipelineWithoutNoArgumentConstructorIsRejected() {
    assertRejected(
        "NoNoArgConstructor",
        "Pipeline NoNoArgConstructor needs a non-private constructor without parameters: Guice"
            + " creates the pipeline instance",
        "public class NoNoArgConstructor");
  }

  @Test
  void aPrivateMemberMethodIsRejectedOnTheMethod() {
    assertRejected(
        "PrivateMemberMethod",
        "@TrainData method train() cannot be private: the generated module calls it",
        "private Dataset train(Datasets data)");
  }

  @Test
  void aStaticMemberMethodIsRejectedOnTheMethod() {
    assertRejected(
        "StaticMemberMethod",
        "@Model method model() cannot be static: the generated module calls it on the pipeline"
            + " instance",
        "static Block model(Models models)");
  }
}
