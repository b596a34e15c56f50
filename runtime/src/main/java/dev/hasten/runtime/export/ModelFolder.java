package dev.hasten.runtime.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of an exported model's folder, and where that folder is for a run or a path. */
public final class ModelFolder {
  /** A run's exported model: {@code RUN_DIR/model}. */
  public static final String NAME = "model";

  /** The description. */
  public static final String DESCRIPTION = "hasten-model.json";

  /** The Block's name in DJL's files: its parameters are {@code model-0000.params}. */
  static final String MODEL_NAME = "model";

  /** The parameters, as DJL's {@code Model.save} names them for epoch 0. */
  static final String PARAMETERS = MODEL_NAME + "-0000.params";

  /** The class names, one a line, by class index (DJL's synset file). */
  static final String SYNSET = "synset.txt";

  /** A language model's Hugging Face tokenizer, when it was trained with one. */
  public static final String TOKENIZER = "tokenizer.json";

  /** Every file but the checksums, each listed in them (and {@link #TOKENIZER} when carried). */
  static final List<String> FILES = List.of(DESCRIPTION, PARAMETERS, SYNSET);

  /** The files of a model that {@code description} describes, each listed in the checksums. */
  static List<String> files(ModelDescription description) {
    if (description.isLanguageModel() && description.tokens().hasFile()) {
      List<String> files = new ArrayList<>(FILES);
      files.add(TOKENIZER);
      return List.copyOf(files);
    }
    return FILES;
  }

  private ModelFolder() {}

  /** {@code path/model} when {@code path} is a run's folder holding one, else {@code path}. */
  public static Path of(Path path) {
    Path inRun = path.resolve(NAME);
    return Files.isDirectory(inRun) && !Files.exists(path.resolve(DESCRIPTION)) ? inRun : path;
  }
}
