package dev.hasten.runtime.loop;

import ai.djl.training.dataset.Dataset;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.TextDataset;

/**
 * Matches a pipeline's data to its task before a run opens it: a language model ({@link
 * RunSpec#isSequenceTask()}) trains on text, read in windows of its sequence length, which this
 * applies ({@link TextDataset#withSequenceLength}); an image pipeline does not train on text.
 */
final class SequenceData {
  private SequenceData() {}

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
    if (spec.isSequenceTask() && !text) {
      throw new InvalidInputException(
          String.format(
              "%s's %s returned %s, but a @LanguageModeling pipeline trains on text: return"
                  + " Datasets.kjv(Split...) or a TextDataset",
              spec.simpleName(), method, dataset.getClass().getSimpleName()));
    }
    if (!spec.isSequenceTask() && text) {
      throw new InvalidInputException(
          String.format(
              "%s's %s returned text, but the pipeline is not @LanguageModeling",
              spec.simpleName(), method));
    }
    return text ? ((TextDataset) dataset).withSequenceLength(spec.sequenceLength()) : dataset;
  }
}
