package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.TokenEvaluation;
import dev.hasten.runtime.generate.ModelLogits;
import dev.hasten.runtime.generate.TextGenerator;
import dev.hasten.runtime.generate.TokenSampler;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.TokenWindows;
import dev.hasten.runtime.text.Tokenizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toy GPT of {@link TextRuns} on the embedded Book of Genesis in the words of the hand-written
 * genesis-words.tokenizer.json (twelve ids; every other word is [UNK]): it trains, reports bits per
 * character over the characters its tokens cover, exports its tokenizer beside its weights and
 * samples through it; a checkpoint is not resumed with another tokenizer, and a tokenizer with more
 * tokens than the model is refused before the first step.
 */
class TokenizerRunTest {
  @RegisterExtension final CapturedErr err = new CapturedErr();

  static final int WORDS = 12;

  @TempDir Path tmp;

  static Path genesisWords() {
    try {
      return Path.of(
          TokenizerRunTest.class
              .getResource("/dev/hasten/runtime/text/genesis-words.tokenizer.json")
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunResult train(RunOptions options, Tokenizer tokenizer, int vocabulary) {
    try (NDManager manager = NDManager.newBaseManager();
        Run run =
            TextRuns.open(
                manager,
                options,
                TextRuns.spec(2, vocabulary),
                8,
                KjvCorpus.excerpt(null),
                tokenizer)) {
      return TextRuns.fit(run);
    }
  }

  private static RunOptions options(Path out) {
    return RunOptions.defaults().withOut(out).withProgressBar(false);
  }

  @Test
  void trainsReportsBitsPerCharacterAndExportsItsTokenizer() throws IOException {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    Path out = tmp.resolve("words");
    RunResult result = train(options(out), words, WORDS);
    assertEquals(8, result.steps());

    // Bits per character: the loss of the 8 windows' 8·16 label tokens, over the characters they
    // cover, which the validation text's own tokenisation counts.
    Corpus genesis = KjvCorpus.excerpt(null);
    TextDataset eval = TextRuns.eval(genesis, 8, words).withSequenceLength(TextRuns.T);
    long characters =
        TokenWindows.validation(eval.tokens(), TextRuns.T)
            .labelCharacters(eval.evaluationWindows());
    List<JsonObject> evaluations = SequenceRunTest.lines(out, true);
    JsonObject last = evaluations.get(evaluations.size() - 1);
    double nats = last.get("test_loss").getAsDouble();
    double expected = nats * (8.0 * TextRuns.T / characters) / Math.log(2);
    assertEquals(expected, last.get("bits_per_char").getAsDouble(), 1e-9);
    // A word token covers its word and the space before it: several characters, so fewer bits a
    // character than a token.
    assertTrue(characters > 2 * 8 * TextRuns.T, "characters " + characters);
    assertEquals(expected, result.finalBitsPerChar(), 1e-9);

    Path model = out.resolve("model");
    assertArrayEquals(
        Files.readAllBytes(genesisWords()), Files.readAllBytes(model.resolve("tokenizer.json")));
    JsonObject input =
        JsonParser.parseString(Files.readString(model.resolve("hasten-model.json")))
            .getAsJsonObject()
            .getAsJsonObject("input");
    assertEquals("huggingface", input.get("tokenizer").getAsString());
    assertEquals("tokenizer.json", input.get("tokenizer_file").getAsString());
    assertEquals(
        words.fingerprint(), "huggingface sha256 " + input.get("tokenizer_sha256").getAsString());
    assertTrue(Files.readString(model.resolve("SHA256SUMS")).contains("  tokenizer.json\n"));

    // Generation reads the prompt in the exported tokenizer's words and writes its draws in them.
    ModelDescription d = HastenModel.describe(out);
    Tokenizer carried = HastenModel.tokenizer(out, d);
    assertEquals(words.fingerprint(), carried.fingerprint());
    try (Model loaded = HastenModel.load(out)) {
      int[] text =
          new TextGenerator(new ModelLogits(loaded), WORDS, TextRuns.T)
              .continueFrom(carried.encode("In the beginning"), 5, new TokenSampler(1, 0, 7));
      assertEquals(8, text.length);
      assertTrue(carried.decode(text).startsWith("In the beginning "), carried.decode(text));

      // Evaluating the exported model on the same text in its carried tokenizer gives the run's
      // own last evaluation, bits per character included; the text in bytes is refused.
      TokenEvaluation again = TokenEvaluation.of(loaded, TextRuns.eval(genesis, 8, carried));
      assertEquals(nats, again.loss(), 0);
      assertEquals(last.get("test_acc").getAsDouble(), again.accuracy(), 0);
      assertEquals(last.get("bits_per_char").getAsDouble(), again.bitsPerChar(), 1e-12);
      InvalidInputException bytes =
          assertThrows(
              InvalidInputException.class,
              () -> TokenEvaluation.of(loaded, TextRuns.eval(genesis, 8)));
      assertEquals(
          "TinyKjv's model reads tokens of the tokenizer its folder carries (huggingface, 12 ids);"
              + " the text given is tokenised by bytes",
          bytes.getMessage());
    }
  }

  @Test
  void aCheckpointIsNotResumedWithAnotherTokenizer() throws IOException {
    Path out = tmp.resolve("other");
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    train(options(out).withMaxSteps(2), words, WORDS);
    // The same words in a file one space longer: the same tokens, but not the same tokenizer.
    Path changed =
        Files.writeString(tmp.resolve("tokenizer.json"), Files.readString(genesisWords()) + " ");
    Tokenizer other = Tokenizer.fromFile(changed);

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> train(options(out).withResume(true), other, WORDS));

    assertEquals(
        "--resume: no usable checkpoint of TinyKjv in " + out.resolve("checkpoints"),
        e.getMessage());
    String said = err.text();
    assertTrue(
        said.contains(
            "belongs to another run: its tokenizer is \""
                + words.fingerprint()
                + "\", this run's is \""
                + other.fingerprint()
                + "\""),
        said);
  }

  @Test
  void aTokenizerWithMoreTokensThanTheModelIsRefusedAtTheStart() {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> train(options(tmp.resolve("small")), words, 8));
    assertEquals(
        "TinyKjv's @TrainData tokenises with the tokenizer of "
            + genesisWords()
            + " (12 tokens), but @LanguageModeling(vocabulary = 8) gives the model only 8 tokens:"
            + " make the vocabulary at least 12",
        e.getMessage());
  }

  @Test
  void trainingAndEvaluationInDifferentTokensAreRefusedAtTheStart() {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    Corpus genesis = KjvCorpus.excerpt(null);
    AdamWOptimizer adamW = AdamWOptimizer.builder().setLearningRate(1e-3).build();
    try (NDManager manager = NDManager.newBaseManager()) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  new Runs(options(tmp.resolve("mixed")), manager)
                      .open(
                          TextRuns.spec(1, 256),
                          new Models().gpt(GptSize.TOY, 256, TextRuns.T),
                          TextRuns.train(genesis, 256, words),
                          TextRuns.eval(genesis, 8),
                          adamW,
                          new CosineSchedule(0.1)));
      assertEquals(
          "TinyKjv's @TrainData tokenises with the tokenizer of "
              + genesisWords()
              + " (12 tokens) but its @EvalData with byte tokens (256 of them): evaluate in the"
              + " tokens the model learns",
          e.getMessage());
    }
  }
}
