package dev.hasten.runtime.cli;

import ai.djl.Model;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.ModelInput;
import dev.hasten.runtime.generate.ModelLogits;
import dev.hasten.runtime.generate.TextGenerator;
import dev.hasten.runtime.generate.TokenSampler;
import dev.hasten.runtime.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hasten generate RUN_DIR|MODEL_DIR --prompt TEXT}: the prompt and the text a language model
 * continues it with, on stdout as UTF-8, through the model's tokenizer (byte tokens, or the {@code
 * tokenizer.json} its folder carries; bytes the model drew that are not valid UTF-8 print as
 * U+FFFD); the time taken on stderr.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Sample text from an exported language model: the prompt, then the tokens the model draws",
      "one at a time, each from its logits at a temperature over the top-k tokens, the model",
      "reading at most the window it was trained on. The same model, prompt, settings and seed",
      "give the same text."
    })
final class GenerateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "RUN_DIR|MODEL_DIR",
      description = "a language model's run folder or its model/ folder")
  Path path;

  @Option(
      names = "--prompt",
      required = true,
      paramLabel = "TEXT",
      description = "the text to continue")
  String prompt;

  @Option(names = "--tokens", paramLabel = "N", description = "tokens to sample (default 200)")
  int tokens = 200;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description =
          "below 1 sharpens, above 1 flattens the model's odds; 0 is greedy (default 0.8)")
  double temperature = 0.8;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description = "draw from the K most likely tokens only; 0 for all (default 40)")
  int topK = 40;

  @Option(names = "--seed", paramLabel = "S", description = "the sampling's seed (default 42)")
  long seed = 42;

  @Override
  public Integer call() throws IOException {
    if (tokens < 0) {
      throw new InvalidInputException("--tokens must be 0 or more, got " + tokens);
    }
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException(
          "--temperature must be 0 (greedy) or a finite number above it, got " + temperature);
    }
    if (topK < 0) {
      throw new InvalidInputException("--top-k must be 0 (all tokens) or more, got " + topK);
    }
    if (prompt.isEmpty()) {
      throw new InvalidInputException("--prompt is empty: give at least one character to start");
    }
    ModelDescription description = HastenModel.describe(path);
    ModelInput.Tokens input = languageModel(description);
    Tokenizer tokenizer = HastenModel.tokenizer(path, description);
    long started = System.nanoTime();
    try (Model model = HastenModel.load(path)) {
      ModelLogits logits = new ModelLogits(model);
      // A model may have more logits than its tokenizer has tokens (spare rows it never saw used):
      // draws are among the tokenizer's.
      int vocabulary = tokenizer.vocabulary();
      TextGenerator generator =
          new TextGenerator(
              window -> Arrays.copyOf(logits.after(window), vocabulary),
              vocabulary,
              input.sequenceLength());
      int[] promptTokens = tokenizer.encode(prompt);
      if (promptTokens.length == 0) {
        throw new InvalidInputException(
            "--prompt \"" + prompt + "\" holds no token of the model's tokenizer: give a word");
      }
      long sampling = System.nanoTime();
      int[] text =
          generator.continueFrom(promptTokens, tokens, new TokenSampler(temperature, topK, seed));
      double seconds = (System.nanoTime() - sampling) / 1e9;
      System.out.write((tokenizer.decode(text) + "\n").getBytes(StandardCharsets.UTF_8));
      System.out.flush();
      System.err.printf(
          "hasten: %,d tokens in %.2f s: %,.1f tokens/s (%.2f s loading the model)%n",
          tokens, seconds, tokens / seconds, (sampling - started) / 1e9);
    }
    return HastenCli.OK;
  }

  /** The model's input, if it is a language model. */
  private static ModelInput.Tokens languageModel(ModelDescription d) {
    if (!d.isLanguageModel()) {
      throw new InvalidInputException(
          d.simpleName()
              + "'s model is an image model: generate samples text from a language model"
              + " (classify images with ./hasten predict)");
    }
    return d.tokens();
  }
}
