package dev.hasten.runtime.cli;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonArray;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.ModelDescription.ModelSource;
import dev.hasten.runtime.export.ModelExporter;
import dev.hasten.runtime.export.ModelInput;
import dev.hasten.runtime.model.Models;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder of the catalog's toy GPT, untrained, as a language run exports it: what the
 * commands on language models read, made in milliseconds instead of by training. Its samples are
 * noise, which is all the commands' checks need. Seed the engine first for the same weights.
 */
final class UntrainedGpt {
  private UntrainedGpt() {}

  /**
   * Exports it into {@code modelDir}.
   *
   * @param pipeline the pipeline class the description names
   * @param tokens the input: tokenizer, vocabulary and sequence length
   * @param tokenizerFile the {@code tokenizer.json} the folder carries, or null
   */
  static void export(Path modelDir, String pipeline, ModelInput.Tokens tokens, byte[] tokenizerFile)
      throws IOException {
    JsonArray arguments = new JsonArray();
    arguments.add("TOY");
    arguments.add(tokens.vocabulary());
    arguments.add(tokens.sequenceLength());
    ModelDescription d =
        ModelDescription.ofTokens(
            pipeline, tokens, new ModelSource("gpt", arguments), List.of(), List.of(), 10);
    Block gpt = new Models().gpt(GptSize.TOY, tokens.vocabulary(), tokens.sequenceLength());
    try (Model model = Model.newInstance("m")) {
      gpt.initialize(model.getNDManager(), DataType.FLOAT32, d.input().oneExample());
      ModelExporter.export(gpt, d, modelDir, tokenizerFile);
    }
  }
}
