/**
 * Text for language models: a corpus of bytes ({@link Corpus}), the King James Bible as the
 * built-in one ({@link KjvCorpus}), its seeded split into training and validation text ({@link
 * CorpusSplit}), how text becomes tokens ({@link Tokenizer}: byte-level tokens, {@link ByteTokens},
 * or a Hugging Face {@code tokenizer.json}) and the split text in those tokens ({@link
 * TokenizedText}), random training windows drawn from the seed and the step so that a resumed run
 * reads exactly the windows it would have read ({@link TokenWindows}) and bits per character
 * ({@link BitsPerCharacter}). The objective is the loop's {@code CrossEntropy}.
 */
package dev.hasten.runtime.text;
