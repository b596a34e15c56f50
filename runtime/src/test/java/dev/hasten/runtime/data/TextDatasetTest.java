package dev.hasten.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text data sets of language models, on the embedded Genesis and on small files. */
class TextDatasetTest {
  @TempDir Path dir;

  private static Corpus digits() {
    // "0123456789" repeated: 40,960 bytes, one group of the standard split.
    return Corpus.of("0123456789".repeat(4096).getBytes(StandardCharsets.US_ASCII), "digits", null);
  }

  @Test
  void aRecordIsOneWindowAndItsNextTokens() {
    TextDataset train =
        TextDataset.builder()
            .setSplit(Split.TRAIN)
            .optCorpus(digits())
            .optSequenceLength(5)
            .build();
    try (NDManager manager = NDManager.newBaseManager()) {
      // Byte s of the text is the digit s mod 10, so the window at s reads the 5 digits from
      // s mod 10 on, and its labels are the 5 from (s + 1) mod 10 on.
      int start = train.windows().windowStart(0);
      String expected = "0123456789".repeat(2).substring(start % 10, start % 10 + 6);
      Record record = train.get(manager, 0);
      long[] inputs = record.getData().singletonOrThrow().toLongArray();
      long[] labels = record.getLabels().singletonOrThrow().toLongArray();
      assertEquals(new Shape(5), record.getData().singletonOrThrow().getShape());
      for (int t = 0; t < 5; t++) {
        assertEquals(expected.charAt(t), (char) inputs[t]);
        assertEquals(expected.charAt(t + 1), (char) labels[t]);
      }
    }
  }

  @Test
  void tokensPerEpochDefaultToTheTrainingTextAndCanBeStated() {
    TextDataset whole = TextDataset.builder().setSplit(Split.TRAIN).optCorpus(digits()).build();
    // One group of ten blocks of 4,096: nine are training text.
    assertEquals(9 * 4096, whole.tokensPerEpoch());
    TextDataset stated =
        TextDataset.builder()
            .setSplit(Split.TRAIN)
            .optCorpus(digits())
            .optTokensPerEpoch(2048)
            .build();
    assertEquals(2048, stated.tokensPerEpoch());
  }

  @Test
  void evaluationTilesTheValidationTextUpToTheLimit() {
    // One held-out block of 4,096 bytes holds (4,096 − 1) / 128 = 31 windows of 128.
    TextDataset all =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optCorpus(digits())
            .optSequenceLength(128)
            .optWindowLimit(1000)
            .build();
    assertEquals(31, all.size());
    TextDataset some =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optCorpus(digits())
            .optSequenceLength(128)
            .optWindowLimit(10)
            .build();
    assertEquals(10, some.size());
    // Spread over the tiling: windows floor(i·31/10) = 0, 3, 6, 9, 12, 15, 18, 21, 24, 27.
    int first = all.evaluationWindows()[0];
    int[] expected = new int[10];
    for (int i = 0; i < 10; i++) {
      expected[i] = first + 128 * (i * 31 / 10);
    }
    assertArrayEquals(expected, some.evaluationWindows());
  }

  @Test
  void theRunAppliesItsSequenceLengthOnceAndRefusesAnother() {
    TextDataset unbound = Datasets.kjv(Split.TRAIN);
    TextDataset bound = unbound.withSequenceLength(64);
    assertEquals(64, bound.sequenceLength());
    assertSame(bound, bound.withSequenceLength(64));
    assertSame(bound.text(), unbound.text());

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> bound.withSequenceLength(128));
    assertEquals(
        "the training text was built for windows of 64 tokens but the pipeline's"
            + " @LanguageModeling(sequenceLength = 128) says 128; leave optSequenceLength out",
        e.getMessage());
  }

  @Test
  void theFingerprintTellsTextsLengthsAndEpochsApart() {
    Corpus genesis = KjvCorpus.excerpt(null);
    String base = build(genesis, 64, 1000).fingerprint();
    assertEquals(base, build(genesis, 64, 1000).fingerprint());
    assertNotEquals(base, build(digits(), 64, 1000).fingerprint());
    assertNotEquals(base, build(genesis, 32, 1000).fingerprint());
    assertNotEquals(base, build(genesis, 64, 2000).fingerprint());
  }

  private static TextDataset build(Corpus corpus, int length, long tokensPerEpoch) {
    return TextDataset.builder()
        .setSplit(Split.TRAIN)
        .optCorpus(corpus)
        .optSequenceLength(length)
        .optTokensPerEpoch(tokensPerEpoch)
        .build();
  }

  @Test
  void badTextIsOneLine() throws IOException {
    Path missing = dir.resolve("notes.txt");
    assertEquals(
        "corpus " + missing + ": no such file",
        assertThrows(InvalidInputException.class, () -> Datasets.text(missing, Split.TRAIN))
            .getMessage());

    Path empty = Files.createFile(dir.resolve("empty.txt"));
    assertEquals(
        "corpus " + empty + " is empty",
        assertThrows(InvalidInputException.class, () -> Datasets.text(empty, Split.TRAIN))
            .getMessage());

    Path shortText = Files.writeString(dir.resolve("short.txt"), "x".repeat(1200));
    assertEquals(
        "corpus "
            + shortText
            + " has 1,200 bytes; the train/validation split needs at least 40,960 (one block of"
            + " 4,096 held out in each 10)",
        assertThrows(InvalidInputException.class, () -> Datasets.text(shortText, Split.TRAIN))
            .getMessage());

    assertEquals(
        "no validation stretch of corpus digits holds a window of 8,192 tokens (8,193 bytes);"
            + " the longest has 4,096 bytes",
        assertThrows(
                InvalidInputException.class,
                () ->
                    TextDataset.builder()
                        .setSplit(Split.TEST)
                        .optCorpus(digits())
                        .optSequenceLength(8192)
                        .build())
            .getMessage());
  }

  private static Path genesisWords() {
    try {
      return Path.of(
          TextDatasetTest.class
              .getResource("/dev/hasten/runtime/text/genesis-words.tokenizer.json")
              .toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTokenizerJsonMakesWindowsOfItsIdsAndNamesItselfInTheFingerprint() {
    Corpus genesis = KjvCorpus.excerpt(null);
    TextDataset words =
        TextDataset.builder()
            .setSplit(Split.TRAIN)
            .optCorpus(genesis)
            .optTokenizer(genesisWords())
            .build()
            .withSequenceLength(8);
    TextDataset bytes =
        TextDataset.builder()
            .setSplit(Split.TRAIN)
            .optCorpus(genesis)
            .build()
            .withSequenceLength(8);

    assertEquals(12, words.tokenizer().vocabulary());
    assertEquals(words.tokens().trainTokens(), words.tokensPerEpoch());
    try (NDManager manager = NDManager.newBaseManager()) {
      for (long id : words.get(manager, 100).getData().singletonOrThrow().toLongArray()) {
        assertTrue(id >= 0 && id < 12, "id " + id);
      }
    }
    // The validation side, built apart, reads the same tokenizer (and shares the tokenisation).
    TextDataset validation =
        TextDataset.builder()
            .setSplit(Split.TEST)
            .optCorpus(genesis)
            .optTokenizer(genesisWords())
            .build();
    assertSame(words.tokens(), validation.tokens());
    // The fingerprint is the bytes' with the tokenizer's identity after the text's, and the
    // tokens an epoch stands for (by default the training text) counted in words.
    String withTokens = words.fingerprint();
    assertEquals(
        bytes
            .fingerprint()
            .replace(
                "text " + genesis.fingerprint(),
                "text " + genesis.fingerprint() + ", tokens " + words.tokenizer().fingerprint())
            .replace(
                "tokens/epoch " + bytes.tokensPerEpoch(), "tokens/epoch " + words.tokensPerEpoch()),
        withTokens);
  }

  @Test
  void aMissingTokenizerFileIsNamedWhenTheDataSetIsBuilt() {
    Path missing = dir.resolve("tokenizer.json");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                TextDataset.builder()
                    .setSplit(Split.TRAIN)
                    .optCorpus(digits())
                    .optTokenizer(missing)
                    .build());
    assertEquals("tokenizer " + missing + ": no such file", e.getMessage());
  }
}
