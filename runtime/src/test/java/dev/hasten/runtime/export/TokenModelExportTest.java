package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A language model's export: a run of a sequence task describes a token model, its folder rebuilds
 * the catalog's GPT with the trained weights, and image descriptions stay exactly as before.
 */
class TokenModelExportTest {
  static final int CONTEXT = 16;

  @TempDir Path tmp;
  NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(11);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  static RunSpec languageSpec() {
    return RunSpec.builder()
        .setPipeline("a.b.TinyLm")
        .setClasses(256)
        .optSequenceLength(CONTEXT)
        .optSpeedups("Ema")
        .build();
  }

  private Block trainedGpt() {
    Block gpt = new Models().gpt(GptSize.TOY, 256, CONTEXT);
    gpt.initialize(manager, DataType.FLOAT32, ModelInput.oneExample(languageSpec()));
    return gpt;
  }

  private static float[] logits(Block block, NDManager manager, long[] tokens) {
    NDArray ids = manager.create(tokens).reshape(1, tokens.length);
    return block
        .forward(new ParameterStore(manager, false), new NDList(ids), false)
        .singletonOrThrow()
        .toFloatArray();
  }

  @Test
  void aSequenceRunIsDescribedAsATokenModelOfItsCatalogGpt() {
    ModelDescription d = RunExport.describe(languageSpec(), trainedGpt(), null);
    assertTrue(d.isLanguageModel());
    assertEquals(new ModelInput.Tokens("bytes", 256, CONTEXT), d.tokens());
    assertTrue(d.tokens().isBytes());
    assertEquals("gpt", d.source().catalogMethod());
    assertEquals("[\"TOY\",256,16]", d.source().catalogArguments().toString());
    // Its classes are its tokens, by id: 256 of them, 0x41 being "A".
    assertEquals(256, d.classNames().size());
    assertEquals("0x41", d.classNames().get('A'));
    assertThrows(IllegalStateException.class, d::normalisation);
  }

  @Test
  void theDescriptionNamesTaskTokenizerVocabularyAndSequenceLengthAndReadsBack() {
    ModelDescription d = RunExport.describe(languageSpec(), trainedGpt(), null).atStep(40);
    JsonObject json = JsonParser.parseString(d.toJson()).getAsJsonObject();
    assertEquals(2, json.get("version").getAsInt());
    assertEquals("language-modeling", json.get("task").getAsString());
    assertEquals(
        "{\"tokenizer\":\"bytes\",\"vocabulary\":256,\"sequence_length\":16}",
        json.get("input").toString());
    assertFalse(json.has("normalisation") || json.has("classes"), json.toString());
    ModelDescription back = ModelDescription.fromJson(d.toJson());
    assertEquals(d, back);
  }

  @Test
  void theExportedFolderLoadsAsTheSameModel() throws IOException {
    Block gpt = trainedGpt();
    ModelDescription d = RunExport.describe(languageSpec(), gpt, null).atStep(40);
    Path dir = tmp.resolve("model");
    ModelExporter.export(gpt, d, dir);
    // The class list is the tokens' names, one a line, as DJL's synset.
    List<String> synset = Files.readAllLines(dir.resolve(ModelFolder.SYNSET));
    assertEquals(256, synset.size());
    assertEquals("0x0a", synset.get('\n'));
    long[] tokens = {72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100};
    float[] trained = logits(gpt, manager, tokens);
    try (Model loaded = HastenModel.load(dir)) {
      assertEquals(d, HastenModel.description(loaded));
      // The same catalog call builds the same tree; the weights are copied exactly.
      assertArrayEquals(
          trained, logits(loaded.getBlock(), loaded.getNDManager(), tokens), 0f, "logits");
    }
  }

  /** A surgery of the test's own: multiplies the logits, and needs the run's sequence length. */
  @Speedup(
      implementedBy = "dev.hasten.runtime.export.TokenModelExportTest$ScaleLogitsMethod",
      component = Component.MODEL,
      effect = Effect.FEWER_STEPS,
      stages = {Stage.MODEL_SURGERY})
  @Retention(RetentionPolicy.RUNTIME)
  @interface ScaleLogits {
    float factor();
  }

  /** Appends the scaling; refuses a spec that is not the sequence task it was trained as. */
  public static final class ScaleLogitsMethod implements ModelSurgery {
    private final float factor;

    public ScaleLogitsMethod(ScaleLogits annotation) {
      factor = annotation.factor();
    }

    @Override
    public Block apply(Block model, RunSpec spec) {
      if (spec.sequenceLength() != CONTEXT || spec.classes() != 256) {
        throw new IllegalStateException(
            "replayed on " + spec.sequenceLength() + " tokens of " + spec.classes());
      }
      ((SequentialBlock) model)
          .add(new LambdaBlock(logits -> new NDList(logits.singletonOrThrow().mul(factor))));
      return model;
    }
  }

  @Pipeline(epochs = 1)
  @LanguageModeling(sequenceLength = CONTEXT)
  @ScaleLogits(factor = 3)
  static final class ScaledLm {}

  @Test
  void theRunsSurgeryIsReplayedWithTheSequenceTasksFacts() throws IOException {
    RunSpec spec =
        RunSpec.builder()
            .setPipeline(ScaledLm.class.getCanonicalName())
            .setClasses(256)
            .optSequenceLength(CONTEXT)
            .build();
    Block gpt =
        new ScaleLogitsMethod(ScaledLm.class.getAnnotation(ScaleLogits.class))
            .apply(new Models().gpt(GptSize.TOY, 256, CONTEXT), spec);
    gpt.initialize(manager, DataType.FLOAT32, ModelInput.oneExample(spec));
    ModelDescription d = RunExport.describe(spec, gpt, null);
    assertEquals(1, d.surgery().size());
    assertEquals("{\"factor\":3.0}", d.surgery().get(0).values().toString());
    Path dir = tmp.resolve("scaled");
    ModelExporter.export(gpt, d, dir);
    long[] tokens = {65, 110, 100};
    try (Model loaded = HastenModel.load(dir)) {
      assertArrayEquals(
          logits(gpt, manager, tokens),
          logits(loaded.getBlock(), loaded.getNDManager(), tokens),
          0f);
    }
  }

  @Test
  void aLanguageModelIsRefusedWhereImagesGoIn() throws IOException {
    Block gpt = trainedGpt();
    Path dir = tmp.resolve("model");
    ModelExporter.export(gpt, RunExport.describe(languageSpec(), gpt, null), dir);
    try (Model loaded = HastenModel.load(dir)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> HastenModel.newPredictor(loaded));
      assertEquals(
          "TinyLm's model is a language model: it takes text, not images (sample from it with"
              + " ./hasten generate)",
          e.getMessage());
    }
  }

  @Test
  void anImageDescriptionIsWrittenByteForByteAsBeforeLanguageModels() throws IOException {
    // image-model-version-1.json is ModelDescriptionTest.sample() as Hasten wrote it before
    // descriptions had a task.
    String before;
    try (InputStream in = getClass().getResourceAsStream("/export/image-model-version-1.json")) {
      before = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(before, ModelDescriptionTest.sample().toJson());
    ModelDescription old = ModelDescription.fromJson(before);
    assertFalse(old.isLanguageModel());
    assertEquals(new ModelInput.Images(1, 28, 28, old.normalisation()), old.input());
    assertEquals(List.of("cat", "dog"), old.classNames());
  }

  @Test
  void anUnknownTaskIsRefusedByName() {
    String json =
        ModelDescription.ofTokens(
                "a.b.TinyLm",
                new ModelInput.Tokens("bytes", 256, CONTEXT),
                ModelDescription.ModelSource.pipelineMethod(),
                List.of(),
                List.of(),
                1)
            .toJson()
            .replace("language-modeling", "speech");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelDescription.fromJson(json));
    assertEquals("its task is speech, which this Hasten does not know", e.getMessage());
  }
}
