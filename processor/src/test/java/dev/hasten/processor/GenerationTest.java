package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is generated for valid pipelines. compile-testing compiles the generated sources together
 * with the inputs against the real runtime, so {@code succeeded} also proves the code compiles. The
 * whole text of each generated file is pinned by {@link GoldenFilesTest}.
 */
class GenerationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WithLabelSmoothing",
        "WithProgressiveResizing",
        "WithEma",
        "WithMixUp",
        "WithCutMix",
        "Baseline",
        "AdamWLinear",
        "CheckedData"
      })
  void aValidPipelineCompilesWithNoDiagnosticAtAll(String name) {
    Compilation compilation = compile("good/" + name + ".java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
    assertThat(compilation).generatedSourceFile("test." + name + "Trainer");
    assertThat(compilation).generatedSourceFile("test." + name + "Module");
  }

  @Test
  void aUserDefinedSpeedupIsGeneratedLikeABuiltInOne() {
    Compilation compilation = compile("good/WithUserSpeedup.java", "good/Jitter.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
    String module = generated(compilation, "test.WithUserSpeedupModule");
    assertTrue(module.contains("AnyStageMethod jitter() {"), module);
    assertTrue(
        module.contains(
            "new GradientNoiseMethod(WithUserSpeedup.class.getAnnotation(GradientNoise.class))"),
        module);
    String trainer = generated(compilation, "test.WithUserSpeedupTrainer");
    assertTrue(trainer.contains("jitter.transformBatch(step);"), trainer);
    assertTrue(trainer.contains("gradientNoise.transformGradients(step);"), trainer);
  }

  @Test
  void aPackagePrivateRuntimeClassBesideThePipelineIsAccepted() {
    // The generated module is in package test, so it reaches a package-private class with a
    // package-private constructor there, and a static class nested in a package-private one.
    Compilation compilation =
        compile(
            "good/WithPackagePrivateSpeedups.java",
            "good/Nudge.java",
            "good/NudgeMethod.java",
            "good/Shift.java",
            "good/Shifts.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
    String module = generated(compilation, "test.WithPackagePrivateSpeedupsModule");
    assertTrue(
        module.contains(
            "new NudgeMethod(WithPackagePrivateSpeedups.class.getAnnotation(Nudge.class))"),
        module);
    assertTrue(module.contains("new Shifts.Method()"), module);
  }

  @Test
  void withoutOptimizerOrScheduleTheModuleUsesTheirAnnotationsDefaults() {
    Compilation compilation = compile("good/Baseline.java");

    String module = generated(compilation, "test.BaselineModule");
    // @Sgd's and @CosineLr's own defaults, read from dev.hasten.dsl.Defaults.
    assertTrue(
        module.contains("return new SgdOptimizer(Defaults.class.getAnnotation(Sgd.class));"),
        module);
    assertTrue(
        module.contains("return new CosineSchedule(Defaults.class.getAnnotation(CosineLr.class));"),
        module);
    // No @EvalData: no eval provider, and the trainer opens the run without one.
    assertTrue(!module.contains("\"eval\""), module);
    assertTrue(
        generated(compilation, "test.BaselineTrainer")
            .contains("runs.open(spec, model, train, null, optimizer, schedule)"));
    assertTrue(module.contains(".setBatchSize(128)"), module);
  }

  @Test
  void adamWAndLinearScheduleAreBuiltFromThePipelinesAnnotations() {
    String module = generated(compile("good/AdamWLinear.java"), "test.AdamWLinearModule");

    assertTrue(
        module.contains("return new AdamWOptimizer(AdamWLinear.class.getAnnotation(AdamW.class));"),
        module);
    assertTrue(
        module.contains(
            "return new LinearSchedule(AdamWLinear.class.getAnnotation(LinearLr.class));"),
        module);
  }

  @Test
  void aUserDefinedOptimizerAndScheduleAreGeneratedLikeBuiltInOnes() {
    Compilation compilation =
        compile(
            "good/WithUserOptimizer.java",
            "good/SignSgd.java",
            "good/SignSgdOptimizer.java",
            "good/StepLr.java",
            "good/StepSchedule.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
    String module = generated(compilation, "test.WithUserOptimizerModule");
    assertTrue(
        module.contains(
            "return new SignSgdOptimizer(WithUserOptimizer.class.getAnnotation(SignSgd.class));"),
        module);
    assertTrue(
        module.contains(
            "return new StepSchedule(WithUserOptimizer.class.getAnnotation(StepLr.class));"),
        module);
  }

  @Test
  void aScheduleClassWithoutParametersIsCreatedWithNone() {
    String module =
        generated(
            compile("good/WithDecoupledWeightDecay.java"), "test.WithDecoupledWeightDecayModule");

    assertTrue(module.contains("return new ConstantSchedule();"), module);
  }

  @Test
  void everyStageIsCalledInItsPlaceAndEvalSwapsOutInReverse() {
    Compilation compilation = compile("good/EveryStagePipeline.java");

    assertThat(compilation).succeededWithoutWarnings();
    String trainer = generated(compilation, "test.EveryStagePipelineTrainer");
    // EveryStage makes steps cheaper, so it precedes Ema although written after it; the
    // Lookahead step rule replaces run.optimizerStep; Ema keeps state, so checkpoints hold it.
    String expectedFit =
        String.join(
            "\n",
            "    // MODEL_SURGERY",
            "    Block model = everyStage.apply(this.model, spec);",
            "    try (Run run = runs.open(spec, model, train, eval, optimizer, schedule)) {",
            "      run.keepState(\"ema\", ema);",
            "      // FIT_START",
            "      everyStage.onFitStart(run);",
            "      ema.onFitStart(run);",
            "      for (int epoch : run.epochs()) {",
            "        // EPOCH_START",
            "        everyStage.onEpochStart(run, epoch);",
            "        for (Step step : run.steps(epoch)) {",
            "          // BATCH",
            "          everyStage.transformBatch(step);",
            "          try (GradientCollector gradients = run.newGradientCollector()) {",
            "            run.forward(step);",
            "            // LOSS",
            "            everyStage.transformTargets(step);",
            "            run.computeLoss(step);",
            "            gradients.backward(step.loss());",
            "          }",
            "          // GRADIENTS",
            "          everyStage.transformGradients(step);",
            "          gradientNoise.transformGradients(step);",
            "          // STEP",
            "          lookahead.step(run, step);",
            "          // AFTER_STEP",
            "          everyStage.afterStep(step);",
            "          ema.afterStep(step);",
            "          run.endStep(step);",
            "        }",
            "        // EPOCH_END",
            "        everyStage.onEpochEnd(run, epoch);",
            "        // EVAL",
            "        everyStage.swapIn(run.model());",
            "        ema.swapIn(run.model());",
            "        run.evaluate(epoch);",
            "        ema.swapOut(run.model());",
            "        everyStage.swapOut(run.model());",
            "        run.endEpoch(epoch);",
            "      }",
            "      return run.finish();",
            "    }");
    assertTrue(trainer.contains(expectedFit), trainer);
  }

  @Test
  void codeThatNamesAGeneratedModuleCompilesInTheSameCompilation() {
    Compilation compilation = compile("good/UsesGeneratedModule.java", "good/WithEma.java");

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aNestedPipelineGetsFlatGeneratedNames() {
    Compilation compilation = compile("good/Outer.java");

    assertThat(compilation).succeededWithoutWarnings();
    String module = generated(compilation, "test.Outer_NestedModule");
    assertTrue(
        module.contains("bind(PipelineTrainer.class).to(Outer_NestedTrainer.class);"), module);
    assertTrue(module.contains(".setPipeline(\"test.Outer.Nested\")"), module);
    assertTrue(module.contains("Block model(Outer.Nested pipeline, Models models)"), module);
  }

  @Test
  void theIndexListsEveryPipelineOfTheCompilationByBinaryName() throws IOException {
    Compilation compilation = compile("good/WithEma.java", "good/Outer.java");

    String index =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hasten/pipelines")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertEquals(Set.of("test.WithEma", "test.Outer$Nested"), Set.copyOf(index.lines().toList()));
    assertEquals(2, index.lines().count());
  }

  @Test
  void aPipelineWithAnErrorGeneratesNothing() throws IOException {
    assertEquals(
        List.of(), Compiling.sourcesGeneratedDespiteErrors(List.of(), "bad/MixUpWithCutMix.java"));
    // The check can fail: the same call on a valid pipeline sees both files.
    assertEquals(
        Set.of("test/WithEmaTrainer.java", "test/WithEmaModule.java"),
        Set.copyOf(
            Compiling.sourcesGeneratedDespiteErrors(
                List.of(), "good/WithEma.java", "bad/NoTask.java")));
  }
}
