package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.hasten.runtime.export.ModelInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasten generate} on an untrained GPT of a Hugging Face tokenizer: a WordLevel model of six
 * words (below), whose folder carries it. The GPT has 8 logits, two more than the tokenizer's ids,
 * so its draws must be kept to the six words.
 */
class GenerateWithTokenizerTest {
  static final int CONTEXT = 16;

  /** [UNK] 0, In 1, the 2, beginning 3, God 4, light 5; words split at spaces; no decoder. */
  static final String SIX_WORDS =
      "{\"version\": \"1.0\", \"added_tokens\": [], \"normalizer\": null,"
          + " \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}, \"post_processor\": null,"
          + " \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {\"[UNK]\": 0,"
          + " \"In\": 1, \"the\": 2, \"beginning\": 3, \"God\": 4, \"light\": 5},"
          + " \"unk_token\": \"[UNK]\"}}";

  @TempDir static Path tmp;
  static Path words;

  @BeforeAll
  static void exportModel() throws IOException {
    Engine.getInstance().setRandomSeed(23);
    words = tmp.resolve("words-run");
    export(words.resolve("model"), SIX_WORDS, ModelInput.Tokens.HUGGINGFACE);
  }

  private static void export(Path dir, String tokenizer, String name) throws IOException {
    byte[] file = tokenizer == null ? null : tokenizer.getBytes(StandardCharsets.UTF_8);
    UntrainedGpt.export(
        dir,
        "a.b.Words",
        new ModelInput.Tokens(name, 8, CONTEXT, file == null ? null : sha256(file)),
        file);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the exported run, to damage. */
  private static Path copy(String name) throws IOException {
    Path run = tmp.resolve(name);
    Files.createDirectories(run.resolve("model"));
    try (Stream<Path> files = Files.list(words.resolve("model"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, run.resolve("model").resolve(f.getFileName()));
      }
    }
    return run;
  }

  @Test
  void thePromptIsReadAndTheSampleWrittenInTheTokenizersWords() {
    CliRun run =
        CliRun.of(
            "generate",
            words.toString(),
            "--prompt",
            "In the beginning",
            "--tokens",
            "40",
            "--temperature",
            "2",
            "--top-k",
            "0");
    assertEquals(HastenCli.OK, run.status(), run.err());
    String text = run.out().strip();
    assertTrue(text.startsWith("In the beginning "), text);
    // Without a decoder the words are joined by spaces: 3 + 40 words, each one of the six (never
    // an id of the two spare logits, which the tokenizer could not decode).
    String[] drawn = text.split(" ");
    assertEquals(43, drawn.length, text);
    Set<String> six = Set.of("[UNK]", "In", "the", "beginning", "God", "light");
    for (String w : drawn) {
      assertTrue(six.contains(w), w + " in " + text);
    }
  }

  @Test
  void aPromptOfNoTokenIsRefused() {
    // The words are split at spaces, so a prompt of spaces holds none.
    CliRun refused = CliRun.of("generate", words.toString(), "--prompt", "   ");
    assertTrue(refused.refusedInOneLine(), refused.err());
    assertEquals(
        "hasten: --prompt \"   \" holds no token of the model's tokenizer: give a word",
        refused.err().strip());
  }

  @Test
  void anAlteredTokenizerIsRefused() throws IOException {
    Path run = copy("altered");
    Files.writeString(run.resolve("model/tokenizer.json"), SIX_WORDS.replace("God", "Dog"));
    CliRun refused = CliRun.of("generate", run.toString(), "--prompt", "In");
    assertTrue(refused.refusedInOneLine(), refused.err());
    assertEquals(
        "hasten: "
            + run.resolve("model")
            + ": tokenizer.json does not match its checksum in SHA256SUMS (changed or damaged"
            + " since export)",
        refused.err().strip());
  }

  @Test
  void aTokenizerReplacedWithItsChecksumIsRefusedByTheDescription() throws IOException {
    Path run = copy("replaced");
    String other = SIX_WORDS.replace("God", "Dog");
    Files.writeString(run.resolve("model/tokenizer.json"), other);
    Path sums = run.resolve("model/SHA256SUMS");
    String listed = Files.readString(sums);
    Files.writeString(
        sums,
        listed.replace(
            sha256(SIX_WORDS.getBytes(StandardCharsets.UTF_8)),
            sha256(other.getBytes(StandardCharsets.UTF_8))));
    CliRun refused = CliRun.of("generate", run.toString(), "--prompt", "In");
    assertTrue(refused.refusedInOneLine(), refused.err());
    assertEquals(
        "hasten: "
            + run.resolve("model")
            + ": tokenizer.json is not the tokenizer the model was trained with (its SHA-256 is"
            + " not the one in hasten-model.json)",
        refused.err().strip());
  }

  @Test
  void aMissingTokenizerIsRefused() throws IOException {
    Path run = copy("missing");
    Files.delete(run.resolve("model/tokenizer.json"));
    CliRun refused = CliRun.of("generate", run.toString(), "--prompt", "In");
    assertTrue(refused.refusedInOneLine(), refused.err());
    assertEquals(
        "hasten: " + run.resolve("model") + ": tokenizer.json is missing", refused.err().strip());
  }

  @Test
  void aModelOfAnUncarriedTokenizerIsRefused() throws IOException {
    Path own = tmp.resolve("own-run");
    export(own.resolve("model"), null, ModelInput.Tokens.OWN);
    CliRun refused = CliRun.of("generate", own.toString(), "--prompt", "In");
    assertTrue(refused.refusedInOneLine(), refused.err());
    assertEquals(
        "hasten: Words's model reads tokens of its own tokenizer (8 of them), which its folder"
            + " does not hold: it was trained on token ids of a data set other than a TextDataset",
        refused.err().strip());
  }

  @Test
  void pyTorchStaysTheDefaultEngineBesideTheTokenizersOwn() {
    // The tokenizers jar registers DJL's Rust engine too (rank 4); PyTorch (rank 2) comes first.
    assertTrue(Engine.getAllEngines().contains("Rust"), Engine.getAllEngines().toString());
    assertEquals("PyTorch", Engine.getDefaultEngineName());
  }
}
