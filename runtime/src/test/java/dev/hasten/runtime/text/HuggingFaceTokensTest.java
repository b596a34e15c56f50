package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written tokenizer.json (test resource genesis-words.tokenizer.json): a WordLevel model of
 * twelve ids, [UNK] = 0, In = 1, the = 2, beginning = 3, God = 4, created = 5, heaven = 6, and = 7,
 * earth = 8, "." = 9, And = 10, light = 11, after a Whitespace pre-tokenizer (runs of word
 * characters, runs of other non-space characters) and no decoder (tokens are joined by a space).
 * Read through the real library, offline (surefire sets ai.djl.offline).
 */
class HuggingFaceTokensTest {
  static final String RESOURCE = "/dev/hasten/runtime/text/genesis-words.tokenizer.json";

  @TempDir Path dir;

  static Path genesisWords() {
    try {
      return Path.of(HuggingFaceTokensTest.class.getResource(RESOURCE).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void encodesEachWordAsItsIdWithNothingAdded() {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    // In the beginning God created the heaven and the earth .
    // 1  2   3         4   5       2   6      7   2   8     9   (no [UNK] added before or after)
    EncodedText encoded =
        words.encodeCounted("In the beginning God created the heaven and the earth.");
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 2, 6, 7, 2, 8, 9}, encoded.ids());
    // Ends in characters: "In" 0-2, "the" 3-6, "beginning" 7-16, "God" 17-20, "created" 21-28,
    // "the" 29-32, "heaven" 33-39, "and" 40-43, "the" 44-47, "earth" 48-53, "." 53-54.
    assertArrayEquals(
        new int[] {2, 6, 16, 20, 28, 32, 39, 43, 47, 53, 54}, encoded.characterEnds());
    assertEquals(12, words.vocabulary());
    assertEquals("huggingface", words.name());
  }

  @Test
  void unknownWordsAreTheUnknownTokenAndCharactersAreCodePoints() {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    // "é the light": é is one character (not its two UTF-8 bytes) and no word of the vocabulary.
    EncodedText encoded = words.encodeCounted("é the light");
    assertArrayEquals(new int[] {0, 2, 11}, encoded.ids());
    assertArrayEquals(new int[] {1, 5, 11}, encoded.characterEnds());
  }

  @Test
  void decodesEveryTokenJoinedBySpacesSpecialOnesIncluded() {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    assertEquals("And God [UNK] light .", words.decode(new int[] {10, 4, 0, 11, 9}));
    assertThrows(IllegalArgumentException.class, () -> words.decode(new int[] {12}));
  }

  @Test
  void itsIdentityIsTheSha256OfTheFile() throws IOException {
    Tokenizer words = Tokenizer.fromFile(genesisWords());
    Path copy = Files.copy(genesisWords(), dir.resolve("tokenizer.json"));
    assertEquals(words.fingerprint(), Tokenizer.fromFile(copy).fingerprint());
    assertTrue(words.fingerprint().matches("huggingface sha256 [0-9a-f]{64}"), words.fingerprint());
    // One more space changes the file, and so the identity, though not one token.
    Files.writeString(copy, Files.readString(copy) + " ");
    assertTrue(!words.fingerprint().equals(Tokenizer.fromFile(copy).fingerprint()));
    assertArrayEquals(Files.readAllBytes(genesisWords()), words.file().orElseThrow());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nowhere.json");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Tokenizer.fromFile(missing));
    assertEquals("tokenizer " + missing + ": no such file", e.getMessage());
  }

  @Test
  void aFileThatIsNotJsonIsNamed() throws IOException {
    Path bad = Files.writeString(dir.resolve("tokenizer.json"), "In the beginning");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Tokenizer.fromFile(bad));
    assertTrue(e.getMessage().startsWith("tokenizer " + bad + ": not JSON ("), e.getMessage());
  }

  @Test
  void jsonThatIsNoTokenizerIsNamed() throws IOException {
    Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\"}}");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Tokenizer.fromFile(bad));
    assertEquals(
        "tokenizer " + bad + ": not a Hugging Face tokenizer.json (it has no model.vocab)",
        e.getMessage());
  }

  @Test
  void aVocabularyTheLibraryRefusesIsNamed() throws IOException {
    // The JSON has a vocabulary, but no model type the library knows.
    Path bad =
        Files.writeString(
            dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {}}}");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Tokenizer.fromFile(bad));
    assertTrue(e.getMessage().startsWith("tokenizer " + bad + ": "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void withoutTheLibraryTheArtifactToAddIsNamed() throws IOException {
    // A class loader that sees only the JDK: as an application without the optional dependency.
    try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> TokenizerLibrary.require(bare));
      assertEquals(
          "reading a tokenizer.json needs DJL's Hugging Face tokenizers on the class path: add the"
              + " dependency ai.djl.huggingface:tokenizers:0.36.0 to your application (./hasten has"
              + " it)",
          e.getMessage());
    }
    TokenizerLibrary.require(getClass().getClassLoader());
  }
}
