/**
 * Text for language models: a corpus of bytes ({@link Corpus}), the King James Bible as the
 * built-in one ({@link KjvCorpus}), its seeded split into training and validation text ({@link
 * CorpusSplit}), byte-level tokens ({@link ByteTokens}), random training windows drawn from the
 * seed and the step so that a resumed run reads exactly the windows it would have read ({@link
 * TokenWindows}), and the objective ({@link NextTokenLoss}).
 */
package dev.hasten.runtime.text;
