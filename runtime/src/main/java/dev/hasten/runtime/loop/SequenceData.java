package dev.hasten.runtime.loop;

import ai.djl.training.dataset.Dataset;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.text.Tokenizer;
import java.nio.file.Path;

/**
 * Matches a pipeline's data to its task: a language model ({@link RunSpec#isSequenceTask()}) trains
 * on windows of its sequence length, which this applies to text ({@link
 * TextDataset#withSequenceLength}) and checks of any other data; an image pipeline does not train
 * on text.
 */
final class SequenceData {
  private SequenceData() {}

  /**
   * Refuses {@code --data} for a language model whose training text is not the file the flag names:
   * its data methods chose their text themselves (a {@link TextDataset} built without {@link
   * dev.hasten.runtime.data.Datasets#textBuilder}), so the flag would reach nothing, and a run that
   * trained on other text than the user named must not start.
   *
   * @param data the {@code --data} path, or null when it was not given
   * @param train the pipeline's training data, whose text the message names
   * @throws InvalidInputException if {@code spec} is a language model's, {@code data} is given and
   *     the training text is not read from it
   */
  static void refuseDataFlag(Path data, RunSpec spec, Dataset train) {
    if (data == null || !spec.isSequenceTask()) {
      return;
    }
    TextDataset text = train instanceof TextDataset ? (TextDataset) train : null;
    if (text != null && text.file().map(file -> sameFile(file, data)).orElse(false)) {
      return;
    }
    throw new InvalidInputException(
        String.format(
            "--data %s: %s is a language model whose @TrainData chooses its own text%s, so the"
                + " file would not be read. A pipeline reads the file --data names through"
                + " Datasets.textBuilder(split), as KjvBaseline does",
            data,
            spec.simpleName(),
            text == null ? "" : ", " + text.text().corpus().description()));
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /**
   * {@code dataset} (null stays null) as the run of {@code spec} reads it.
   *
   * @param method the pipeline method that returned it, for the message
   * @throws InvalidInputException if the data does not fit the task
   */
  static Dataset forSpec(Dataset dataset, RunSpec spec, String method) {
    if (dataset == null) {
      return null;
    }
    boolean text = dataset instanceof TextDataset;
    if (!spec.isSequenceTask() && text) {
      throw new InvalidInputException(
          String.format(
              "%s's %s returned text, but the pipeline is not @LanguageModeling",
              spec.simpleName(), method));
    }
    if (text) {
      requireVocabulary((TextDataset) dataset, spec, method);
      return ((TextDataset) dataset).withSequenceLength(spec.sequenceLength());
    }
    return dataset;
  }

  /**
   * Checks that the model has a logit for every token of the text's tokenizer. More is allowed (a
   * vocabulary rounded up to a multiple of 64 makes faster matrices on a GPU, as nanoGPT's 50,304
   * for GPT-2's 50,257): the spare ids never occur in the data, so the model learns to give them no
   * weight, and generation draws only among the tokenizer's ids.
   *
   * @throws InvalidInputException if the tokenizer has more tokens than the model
   */
  static void requireVocabulary(TextDataset text, RunSpec spec, String method) {
    int tokens = text.tokenizer().vocabulary();
    if (tokens > spec.classes()) {
      throw new InvalidInputException(
          String.format(
              "%s's %s tokenises with %s, but @LanguageModeling(vocabulary = %d) gives the model"
                  + " only %d tokens: make the vocabulary at least %d",
              spec.simpleName(), method, text.tokenizer(), spec.classes(), spec.classes(), tokens));
    }
  }

  /**
   * Checks that the training and the evaluation text are read in the same tokens: a model evaluated
   * in other tokens than it learnt would report a loss that means nothing.
   *
   * @throws InvalidInputException if both are text and their tokenizers differ
   */
  static void requireOneTokenizer(Dataset train, Dataset eval, RunSpec spec) {
    if (!(train instanceof TextDataset) || !(eval instanceof TextDataset)) {
      return;
    }
    Tokenizer trained = ((TextDataset) train).tokenizer();
    Tokenizer evaluated = ((TextDataset) eval).tokenizer();
    if (!trained.fingerprint().equals(evaluated.fingerprint())) {
      throw new InvalidInputException(
          String.format(
              "%s's @TrainData tokenises with %s but its @EvalData with %s: evaluate in the tokens"
                  + " the model learns",
              spec.simpleName(), trained, evaluated));
    }
  }

  /**
   * Checks that a language model's split, once open, holds windows of its sequence length: text
   * always does; any other data set must hold int64 token ids {@code [n, T]} (a fixed set of
   * windows, which the run then shuffles each epoch as it does images).
   *
   * @throws InvalidInputException if its examples are not windows of {@code T} tokens
   */
  static void requireWindows(SplitData split, RunSpec spec, String method) {
    if (split == null || !spec.isSequenceTask()) {
      return;
    }
    if (!split.imageShape().equals(new ai.djl.ndarray.types.Shape(spec.sequenceLength()))) {
      throw new InvalidInputException(
          String.format(
              "%s's %s gives examples of shape %s, but @LanguageModeling(sequenceLength = %d)"
                  + " trains on windows of %d token ids: return Datasets.kjv(Split...) or a"
                  + " TextDataset",
              spec.simpleName(),
              method,
              split.imageShape(),
              spec.sequenceLength(),
              spec.sequenceLength()));
    }
  }
}
