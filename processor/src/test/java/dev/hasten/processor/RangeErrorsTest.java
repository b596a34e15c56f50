package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Rule 1: a value outside its {@code @Range} is an error on that value. */
class RangeErrorsTest {

  @Test
  void labelSmoothingOfOneAndAHalfIsRejectedOnItsValue() {
    Compilation compilation = compile("bad/LabelSmoothingOutOfRange.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@LabelSmoothing(value = 1.5): value must be in [0, 1)")
        .inFile(source("bad/LabelSmoothingOutOfRange.java"))
        .onLineContaining("@LabelSmoothing(1.5)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theAugmentationsRefuseANoOpValueEachOnItsLine() {
    Compilation compilation = compile("bad/AugmentationOutOfRange.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@RandomCrop(padding = 0): padding must be >= 1")
        .inFile(source("bad/AugmentationOutOfRange.java"))
        .onLineContaining("@RandomCrop(padding = 0)");
    assertThat(compilation)
        .hadErrorContaining("@HorizontalFlip(probability = 0): probability must be in (0, 1]")
        .inFile(source("bad/AugmentationOutOfRange.java"))
        .onLineContaining("@HorizontalFlip(probability = 0)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void zeroEpochsIsRejectedOnTheEpochsLine() {
    Compilation compilation = compile("bad/ZeroEpochs.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@Pipeline(epochs = 0): epochs must be >= 1")
        .inFile(source("bad/ZeroEpochs.java"))
        .onLineContaining("epochs = 0,");
  }

  @Test
  void rangesOfTheTaskOptimizerScheduleAndSpeedupsAreCheckedEachOnItsLine() {
    Compilation compilation = compile("bad/OutOfRangeEverywhere.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@ImageClassification(classes = 1): classes must be >= 2")
        .inFile(source("bad/OutOfRangeEverywhere.java"))
        .onLineContaining("classes = 1)");
    assertThat(compilation)
        .hadErrorContaining("@Sgd(lr = 0): lr must be > 0")
        .inFile(source("bad/OutOfRangeEverywhere.java"))
        .onLineContaining("lr = 0,");
    assertThat(compilation)
        .hadErrorContaining("@OneCycleLr(warmupFraction = 1): warmupFraction must be in [0, 1)")
        .inFile(source("bad/OutOfRangeEverywhere.java"))
        .onLineContaining("warmupFraction = 1.0)");
    assertThat(compilation)
        .hadErrorContaining("@MixUp(alpha = 0): alpha must be > 0")
        .inFile(source("bad/OutOfRangeEverywhere.java"))
        .onLineContaining("alpha = 0.0)");
    assertEquals(4, Compiling.messages(compilation, Diagnostic.Kind.ERROR).size());
  }

  @Test
  void aRequiredMemberLeftOutIsJavacsOwnErrorAndTheProcessorDoesNotCrashOnIt() {
    Compilation compilation = compile("bad/MissingEpochs.java");

    // javac stops before processing here; should a javac run process anyway, the processor
    // reports its rules and generates nothing (PipelineProcessor#javacReportedErrors).
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("missing a default value for the element 'epochs'")
        .inFile(source("bad/MissingEpochs.java"))
        .onLineContaining("@Pipeline(batchSize = 64)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aRecipesValueOutOfRangeIsRejectedInTheRecipe() {
    Compilation compilation = compile("bad/UsesBadValueRecipe.java", "bad/BadValueRecipe.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@LabelSmoothing(value = 1.5): value must be in [0, 1)")
        .inFile(source("bad/BadValueRecipe.java"))
        .onLineContaining("value = 1.5)");
  }

  @Test
  void swaRateAndAnnealingAndStochasticDepthWarmUpAreCheckedEachOnItsLine() {
    Compilation compilation = compile("bad/AveragingOptionsOutOfRange.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@Swa(lr = -0.01): lr must be >= 0")
        .inFile(source("bad/AveragingOptionsOutOfRange.java"))
        .onLineContaining("lr = -0.01,");
    assertThat(compilation)
        .hadErrorContaining("@Swa(annealSteps = 0): annealSteps must be >= 1")
        .inFile(source("bad/AveragingOptionsOutOfRange.java"))
        .onLineContaining("annealSteps = 0)");
    assertThat(compilation)
        .hadErrorContaining("@StochasticDepth(dropWarmup = 1.5): dropWarmup must be in [0, 1]")
        .inFile(source("bad/AveragingOptionsOutOfRange.java"))
        .onLineContaining("dropWarmup = 1.5)");
    assertEquals(3, Compiling.messages(compilation, Diagnostic.Kind.ERROR).size());
  }

  @Test
  void anEmaStartOfTheWholeRunIsRejectedOnItsValue() {
    Compilation compilation = compile("bad/EmaStartOutOfRange.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@Ema(start = 1): start must be in [0, 1)")
        .inFile(source("bad/EmaStartOutOfRange.java"))
        .onLineContaining("start = 1.0)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void seqLengthWarmupRefusesAnEmptyWarmupAndLengthsOfZeroEachOnItsLine() {
    String file = "bad/SeqLengthWarmupOutOfRange.java";
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@SeqLengthWarmup(duration = 0): duration must be in (0, 1]")
        .inFile(source(file))
        .onLineContaining("duration = 0,");
    assertThat(compilation)
        .hadErrorContaining("@SeqLengthWarmup(minSeqLength = 0): minSeqLength must be >= 1")
        .inFile(source(file))
        .onLineContaining("minSeqLength = 0,");
    assertThat(compilation)
        .hadErrorContaining("@SeqLengthWarmup(stepSize = 0): stepSize must be >= 1")
        .inFile(source(file))
        .onLineContaining("stepSize = 0)");
    assertEquals(3, Compiling.messages(compilation, Diagnostic.Kind.ERROR).size());
  }

  @Test
  void muonsValuesAreCheckedLikeASpeedupsEachOnItsLine() {
    String file = "bad/MuonOutOfRange.java";
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@Muon(momentum = 1): momentum must be in [0, 1)")
        .inFile(source(file))
        .onLineContaining("momentum = 1,");
    assertThat(compilation)
        .hadErrorContaining("@Muon(nsSteps = 0): nsSteps must be in [1, 20]")
        .inFile(source(file))
        .onLineContaining("nsSteps = 0,");
    assertThat(compilation)
        .hadErrorContaining("@Muon(adamLr = 0): adamLr must be > 0")
        .inFile(source(file))
        .onLineContaining("adamLr = 0)");
    assertEquals(3, Compiling.messages(compilation, Diagnostic.Kind.ERROR).size());
  }
}
