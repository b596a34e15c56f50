package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.method;
import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.runPart;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeRuleTest {

  private static Problem error(String message, Object source) {
    return new Problem(Severity.ERROR, message, source, null);
  }

  @Test
  void aValidPipelineHasNoProblem() {
    assertEquals(List.of(), Rules.check(pipeline().build()));
  }

  @Test
  void aPipelineWithoutModelIsReportedOnTheClass() {
    TestPipelines.Builder b = pipeline();
    b.methods.removeIf(m -> m.role() == Role.MODEL);

    assertEquals(
        List.of(
            error("Foo has no @Model method: add one that returns ai.djl.nn.Block", "class Foo")),
        Rules.check(b.build()));
  }

  @Test
  void aPipelineWithoutTrainDataIsReportedOnTheClass() {
    TestPipelines.Builder b = pipeline();
    b.methods.removeIf(m -> m.role() == Role.TRAIN);

    assertEquals(
        List.of(
            error(
                "Foo has no @TrainData method: add one that returns"
                    + " ai.djl.training.dataset.Dataset",
                "class Foo")),
        Rules.check(b.build()));
  }

  @Test
  void aSecondTrainDataIsReportedOnItsAnnotationAndEvalDataIsOptional() {
    TestPipelines.Builder b = pipeline();
    b.methods.add(method("moreTrain", Role.TRAIN, true));

    assertEquals(
        List.of(
            error(
                "Foo has more than one @TrainData method: keep one of train() and moreTrain()",
                "@TrainData moreTrain")),
        Rules.check(b.build()));
  }

  @Test
  void aSecondModelAndASecondEvalDataAreEachReported() {
    TestPipelines.Builder b = pipeline();
    b.methods.add(method("bigModel", Role.MODEL, true));
    b.methods.add(method("eval", Role.EVAL, true));
    b.methods.add(method("eval2", Role.EVAL, true));

    List<Problem> problems = Rules.check(b.build());

    assertEquals(
        List.of(
            error(
                "Foo has more than one @Model method: keep one of model() and bigModel()",
                "@Model bigModel"),
            error(
                "Foo has more than one @EvalData method: keep one of eval() and eval2()",
                "@EvalData eval2")),
        problems);
  }

  @Test
  void aWrongReturnTypeIsReportedOnTheMethod() {
    TestPipelines.Builder b = pipeline();
    b.methods.set(0, method("model", Role.MODEL, false));

    assertEquals(
        List.of(
            error(
                "@Model method model() must return ai.djl.nn.Block, not java.lang.String",
                "model()")),
        Rules.check(b.build()));
  }

  @Test
  void privateAndStaticMemberMethodsAreReportedOnTheMethod() {
    TestPipelines.Builder b = pipeline();
    b.methods.set(
        1,
        new MemberMethod(
            "train",
            Role.TRAIN,
            "ai.djl.training.dataset.Dataset",
            true,
            true,
            true,
            "train()",
            "@TrainData train"));

    assertEquals(
        List.of(
            error(
                "@TrainData method train() cannot be private: the generated module calls it",
                "train()"),
            error(
                "@TrainData method train() cannot be static: the generated module calls it on the"
                    + " pipeline instance",
                "train()")),
        Rules.check(b.build()));
  }

  @Test
  void aPipelineWithoutTaskIsReportedOnTheClassAndSecondTaskOnItsAnnotation() {
    TestPipelines.Builder none = pipeline();
    none.tasks.clear();
    TestPipelines.Builder two = pipeline();
    two.tasks.add(TestPipelines.imageClassification("@ImageClassification#2"));

    assertEquals(
        List.of(
            error(
                "Foo has no task annotation: add one, e.g. @ImageClassification(channels = 1,"
                    + " height = 28, width = 28, classes = 10)",
                "class Foo")),
        Rules.check(none.build()));
    assertEquals(
        List.of(
            error(
                "Foo has more than one task: keep one of @ImageClassification and"
                    + " @ImageClassification",
                "@ImageClassification#2")),
        Rules.check(two.build()));
  }

  @Test
  void twoOptimizersOrTwoSchedulesAreReportedOnTheLaterOne() {
    TestPipelines.Builder b = pipeline();
    b.optimizers.add(runPart(RunPart.OPTIMIZER, "Sgd"));
    b.optimizers.add(runPart(RunPart.OPTIMIZER, "AdamW"));
    b.schedules.add(runPart(RunPart.SCHEDULE, "CosineLr"));
    b.schedules.add(runPart(RunPart.SCHEDULE, "OneCycleLr"));

    assertEquals(
        List.of(
            error("Foo has more than one optimizer: keep one of @Sgd and @AdamW", "@AdamW"),
            error(
                "Foo has more than one schedule: keep one of @CosineLr and @OneCycleLr",
                "@OneCycleLr")),
        Rules.check(b.build()));
  }

  @Test
  void anAbstractInnerClassWithoutNoArgConstructorGetsOneErrorForEachFault() {
    PipelineModel model =
        pipeline()
            .type(
                new PipelineClass("p.Outer.Foo", "p", true, false, true, true, false, "class Foo"))
            .build();

    List<String> messages = Rules.check(model).stream().map(Problem::message).toList();

    assertEquals(
        List.of(
            "Pipeline Foo cannot be abstract: Guice creates an instance of it",
            "Pipeline Foo cannot be an inner class: make it static or top-level, so that Guice can"
                + " create it",
            "Pipeline Foo needs a non-private constructor without parameters: Guice creates the"
                + " pipeline instance"),
        messages);
  }

  @Test
  void aPrivateClassIsToldOnlyOnceSinceItsDefaultConstructorIsPrivateToo() {
    PipelineModel model =
        pipeline()
            .type(
                new PipelineClass("p.Outer.Foo", "p", true, true, false, false, false, "class Foo"))
            .build();

    assertEquals(
        List.of("Pipeline Foo cannot be private: the generated module refers to it"),
        Rules.check(model).stream().map(Problem::message).toList());
  }

  @Test
  void anInterfaceIsNotAPipeline() {
    PipelineModel model =
        pipeline()
            .type(new PipelineClass("p.Foo", "p", false, false, true, false, false, "class Foo"))
            .build();

    assertEquals(
        List.of(error("@Pipeline applies to classes; Foo is not a class", "class Foo")),
        Rules.check(model));
  }
}
