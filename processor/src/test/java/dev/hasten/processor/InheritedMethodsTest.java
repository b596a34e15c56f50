package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.generated;
import static dev.hasten.processor.Compiling.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pipeline's {@code @Model}, {@code @TrainData} and {@code @EvalData} methods may be inherited
 * from a superclass. A fault of an inherited method is the pipeline's and is reported on the
 * pipeline class.
 */
class InheritedMethodsTest {

  @Test
  void aPipelineInheritsItsModelAndData() {
    Compilation compilation = compile("good/InheritsData.java", "good/FashionData.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
    String module = generated(compilation, "test.InheritsDataModule");
    assertTrue(module.contains("return pipeline.model(models);"), module);
    assertTrue(module.contains("Dataset eval(InheritsData pipeline, Datasets data)"), module);
    assertTrue(module.contains(".optTraits(Trait.CONV2D"), module);
  }

  @Test
  void anOverrideWithTheAnnotationReplacesTheInheritedMethod() {
    Compilation compilation = compile("good/OverridesTrainData.java", "good/FashionData.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
  }

  @Test
  void publicMethodsOfALibraryClassInAnotherPackageAreInherited() {
    Compilation compilation = compile("good/InheritsFromLibrary.java");

    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.diagnostics());
  }

  @Test
  void aSecondTrainDataBesideAnInheritedOneIsRejectedOnThePipeline() {
    Compilation compilation = compile("bad/InheritsSecondTrainData.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "InheritsSecondTrainData has more than one @TrainData method: keep one of moreTrain()"
                + " and TrainDataBase.train()")
        .inFile(source("bad/InheritsSecondTrainData.java"))
        .onLineContaining("public class InheritsSecondTrainData");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aPrivateModelMethodInTheSuperclassIsRejectedOnThePipeline() {
    Compilation compilation = compile("bad/InheritsPrivateModel.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Model method model() of test.PrivateModelBase cannot be private: the generated"
                + " module calls it")
        .inFile(source("bad/InheritsPrivateModel.java"))
        .onLineContaining("public class InheritsPrivateModel");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aPackagePrivateMethodOfASuperclassInAnotherPackageIsRejectedOnThePipeline() {
    Compilation compilation = compile("bad/InheritsHiddenData.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@TrainData method train() of dev.hasten.processor.fixtures.HiddenData is not public,"
                + " so only code in package dev.hasten.processor.fixtures can call it, and"
                + " InheritsHiddenData's generated module is in package test; make it public")
        .inFile(source("bad/InheritsHiddenData.java"))
        .onLineContaining("public class InheritsHiddenData");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anOverrideWithoutTheAnnotationLeavesThePipelineWithoutTheMethod() {
    Compilation compilation = compile("bad/OverrideWithoutTrainData.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "OverrideWithoutTrainData has no @TrainData method: add one that returns"
                + " ai.djl.training.dataset.Dataset")
        .inFile(source("bad/OverrideWithoutTrainData.java"))
        .onLineContaining("public class OverrideWithoutTrainData");
    assertThat(compilation).hadErrorCount(1);
  }
}
