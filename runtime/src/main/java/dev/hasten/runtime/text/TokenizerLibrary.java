package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;

/**
 * Whether DJL's Hugging Face tokenizers are on the class path. hasten-runtime depends on them
 * optionally (their jar, with its native library for every platform, is 18.7 MB), so an application
 * that reads a {@code tokenizer.json} adds them itself; this class names none of their types, so
 * that it loads without them and can say what to add.
 */
final class TokenizerLibrary {
  /** The artifact to add, as Maven coordinates. */
  static final String ARTIFACT = "ai.djl.huggingface:tokenizers:0.36.0";

  static final String ENTRY_CLASS = "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer";

  private TokenizerLibrary() {}

  /**
   * @throws InvalidInputException if {@code loader} cannot see the library
   */
  static void require(ClassLoader loader) {
    try {
      Class.forName(ENTRY_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvalidInputException(
          "reading a tokenizer.json needs DJL's Hugging Face tokenizers on the class path: add the"
              + " dependency "
              + ARTIFACT
              + " to your application (./hasten has it)");
    }
  }
}
