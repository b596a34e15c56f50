package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.compileWith;
import static dev.hasten.processor.Compiling.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Recipes (override note, duplicates), known-cost warnings and {@code hasten.warningsAsErrors}. */
class RecipeAndWarningTest {

  @Test
  void aPipelinesOwnSpeedupReplacesTheRecipesWithOneNoteAndNothingElse() {
    Compilation compilation = compile("good/FashionX.java", "good/FashionMildRecipe.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(
            "@LabelSmoothing on FashionX replaces @LabelSmoothing from @FashionMildRecipe")
        .inFile(source("good/FashionX.java"))
        .onLineContaining("@LabelSmoothing(0.1)");
    assertEquals(1, compilation.diagnostics().size(), compilation.diagnostics().toString());
  }

  @Test
  void recipeSpeedupsAreReadFromTheRecipeAndTheReplacedOneFromThePipeline() {
    Compilation compilation = compile("good/FashionX.java", "good/FashionMildRecipe.java");

    String module = Compiling.generated(compilation, "test.FashionXModule");
    assertTrue(
        module.contains("new EmaMethod(FashionMildRecipe.class.getAnnotation(Ema.class))"), module);
    assertTrue(
        module.contains(
            "new LabelSmoothingMethod(FashionX.class.getAnnotation(LabelSmoothing.class))"),
        module);
    assertTrue(
        module.contains(
            "new BlurPoolMethod(FashionMildRecipe.class.getAnnotation(BlurPool.class))"),
        module);
    assertTrue(module.contains(".optSpeedups(\"BlurPool\", \"Ema\", \"LabelSmoothing\")"), module);
  }

  @Test
  void theSameSpeedupFromTwoRecipesIsRejectedOnTheLaterRecipe() {
    Compilation compilation =
        compile(
            "bad/TwoRecipesSameSpeedup.java", "good/FashionMildRecipe.java", "bad/HotRecipe.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Ema comes from both @FashionMildRecipe and @HotRecipe: write @Ema on"
                + " TwoRecipesSameSpeedup to choose its values, or drop one of the recipes")
        .inFile(source("bad/TwoRecipesSameSpeedup.java"))
        .onLineContaining("@HotRecipe");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aKnownCostIsAWarningOnTheAnnotationAndTheCodeIsStillGenerated() {
    Compilation compilation = compile("good/SamPipeline.java");

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "@Sam has a known cost: doubles the cost of a step on the steps it runs")
        .inFile(source("good/SamPipeline.java"))
        .onLineContaining("@Sam");
    assertThat(compilation).hadWarningCount(1);
    assertTrue(
        Compiling.generated(compilation, "test.SamPipelineTrainer")
            .contains("sam.step(run, step);"));
  }

  @Test
  void warningsAsErrorsTurnsTheCostWarningIntoAnErrorAndGeneratesNothing() throws IOException {
    Compilation compilation =
        compileWith(List.of("-Ahasten.warningsAsErrors=true"), "good/SamPipeline.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Sam has a known cost: doubles the cost of a step on the steps it runs")
        .inFile(source("good/SamPipeline.java"))
        .onLineContaining("@Sam");
    assertEquals(List.of(), Compiling.messages(compilation, Diagnostic.Kind.WARNING));
    assertEquals(
        List.of(),
        Compiling.sourcesGeneratedDespiteErrors(
            List.of("-Ahasten.warningsAsErrors=true"), "good/SamPipeline.java"));
  }

  @Test
  void aPipelineThatSuppressesHastenCostCompilesWithoutTheWarningEvenAsErrors() {
    Compilation plain = compile("good/SamAcknowledged.java");
    assertThat(plain).succeededWithoutWarnings();

    Compilation strict =
        compileWith(List.of("-Ahasten.warningsAsErrors=true"), "good/SamAcknowledged.java");
    assertThat(strict).succeededWithoutWarnings();
    assertTrue(
        Compiling.generated(strict, "test.SamAcknowledgedTrainer")
            .contains("sam.step(run, step);"));
  }

  @Test
  void suppressingOtherWarningsLeavesTheCostWarning() {
    Compilation compilation = compile("good/SamSuppressingOtherWarnings.java");

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("@Sam has a known cost")
        .inFile(source("good/SamSuppressingOtherWarnings.java"))
        .onLineContaining("@Sam");
  }
}
