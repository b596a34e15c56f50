package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import com.google.gson.JsonArray;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.export.ModelDescription.ModelSource;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A language model's evaluation outside a run, on a case worked out by hand: a model whose logits
 * are given, on a text whose every validation window is known.
 */
class TokenEvaluationTest {
  /** "aabc" repeated: 40,960 bytes, one group of the standard split, 4,096 bytes held out. */
  static final Corpus AABC =
      Corpus.of("aabc".repeat(10_240).getBytes(StandardCharsets.US_ASCII), "aabc", null);

  /** A token model of windows of {@code t} whose logits are {@code block}'s. */
  static Model tokenModel(Block block, int t) {
    Model model = Model.newInstance("echo");
    block.initialize(model.getNDManager(), DataType.INT64, new Shape(1, t));
    model.setBlock(block);
    ModelDescription d =
        ModelDescription.ofTokens(
            "a.b.Echo",
            new ModelInput.Tokens(ModelInput.Tokens.BYTES, ByteTokens.VOCABULARY, t),
            new ModelSource("gpt", new JsonArray()),
            List.of(),
            List.of(),
            3);
    model.setProperty(HastenModel.DESCRIPTION_PROPERTY, d.toJson());
    return model;
  }

  static TextDataset validation(int windows) {
    return TextDataset.builder()
        .setSplit(Split.TEST)
        .optCorpus(AABC)
        .optWindowLimit(windows)
        .build();
  }

  /**
   * The model gives its input token the logit ln 257 and every other token 0, so each position
   * predicts its own input again with probability 257/512 (257 + 255·1 = 512), and any other token
   * 1/512. The held-out block starts at a multiple of 4, so windows of T = 4 tiling it read inputs
   * "aabc" against labels "abca": exactly the first position of each is right. Accuracy 1/4; loss
   * per position ln(512/257) once and ln 512 three times, a mean of ln 512 − ln(257)/4 = 4.773099
   * nats; in bits, 9 − log2(257)/4 = 6.886224. Of the 1,023 windows of the held-out 4,096 bytes
   * ((4,096 − 1) / 4), 5,000 asks for all of them: 4,092 predictions, read in one chunk of 2,048
   * windows (8,192 / 4).
   */
  @Test
  void echoModelScoresAQuarterOfPositionsAtKnownNats() {
    float own = (float) Math.log(257);
    Block echo =
        new LambdaBlock(
            inputs -> new NDList(inputs.singletonOrThrow().oneHot(ByteTokens.VOCABULARY).mul(own)));
    try (Model model = tokenModel(echo, 4)) {
      TokenEvaluation e = TokenEvaluation.of(model, validation(5000));

      assertEquals(1023, e.windows());
      assertEquals(4092, e.predictions());
      assertEquals(1023, e.correct());
      assertEquals(0.25, e.accuracy(), 0);
      assertEquals(Math.log(512) - Math.log(257) / 4, e.loss(), 1e-5);
      assertEquals(9 - Math.log(257) / Math.log(2) / 4, e.bitsPerChar(), 1e-5);
    }
  }

  /**
   * A model that gives every token the same logit predicts each with probability 1/256: ln 256 =
   * 5.545177 nats and 8 bits whatever the text. The windows are 3 of the limit, with T = 16 read as
   * one chunk; argmax of equal logits is token 0, which the text never holds, so none is right.
   */
  @Test
  void uniformModelCostsEightBitsPerCharacter() {
    Block uniform =
        new LambdaBlock(
            inputs ->
                new NDList(
                    inputs.singletonOrThrow().oneHot(ByteTokens.VOCABULARY).zerosLike().add(1f)));
    try (Model model = tokenModel(uniform, 16)) {
      TokenEvaluation e = TokenEvaluation.of(model, validation(3));

      assertEquals(3, e.windows());
      assertEquals(48, e.predictions());
      assertEquals(0, e.correct());
      assertEquals(Math.log(256), e.loss(), 1e-5);
      assertEquals(8, e.bitsPerChar(), 1e-5);
    }
  }

  @Test
  void textBuiltForAnotherWindowLengthIsRefusedInOneLine() {
    TextDataset sixteen =
        TextDataset.builder().setSplit(Split.TEST).optCorpus(AABC).optSequenceLength(16).build();
    try (Model model = tokenModel(new LambdaBlock(x -> x), 4)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> TokenEvaluation.of(model, sixteen));
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }
}
