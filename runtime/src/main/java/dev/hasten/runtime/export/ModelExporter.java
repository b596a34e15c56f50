package dev.hasten.runtime.export;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.hasten.runtime.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a trained Block as an exported model folder: the Block that the description builds, with
 * the trained Block's weights and statistics copied in, saved by DJL's {@link Model#save}, with the
 * description, the class names, a language model's {@code tokenizer.json} and the checksums beside
 * it. The folder appears whole or not at all: it is written next to its place and moved there.
 */
public final class ModelExporter {
  private ModelExporter() {}

  /**
   * Exports {@code trained} (as it is now: whatever weights are in it) into {@code modelDir},
   * replacing what is there.
   *
   * @param trained the run's Block, initialised, on any device
   * @param description what it is and how it is built again
   * @throws IllegalStateException if the Block the description builds does not have the trained
   *     Block's parameters: the description would not rebuild this model
   */
  public static void export(Block trained, ModelDescription description, Path modelDir)
      throws IOException {
    export(trained, description, modelDir, null);
  }

  /**
   * {@link #export(Block, ModelDescription, Path)} with the language model's {@code tokenizer.json}
   * beside it.
   *
   * @param tokenizerFile the bytes of the tokenizer file the description names, or null when it
   *     names none
   * @throws IllegalStateException if the bytes are not the file the description names
   */
  public static void export(
      Block trained, ModelDescription description, Path modelDir, byte[] tokenizerFile)
      throws IOException {
    String named = description.isLanguageModel() ? description.tokens().tokenizerSha256() : null;
    String given = tokenizerFile == null ? null : Sha256.hex(tokenizerFile);
    if (named == null ? given != null : !named.equals(given)) {
      throw new IllegalStateException(
          "the description names tokenizer file " + named + " but the export was given " + given);
    }
    Path parent = modelDir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, ".model-");
    readableByAll(staging);
    try (Model model = Model.newInstance(ModelFolder.MODEL_NAME, Device.cpu())) {
      Block rebuilt =
          Architecture.build(description, Thread.currentThread().getContextClassLoader());
      rebuilt.initialize(model.getNDManager(), DataType.FLOAT32, description.input().oneExample());
      copyParameters(trained, rebuilt);
      model.setBlock(rebuilt);
      model.setProperty("hasten.pipeline", description.pipeline());
      model.setProperty("hasten.step", Long.toString(description.step()));
      model.save(staging, ModelFolder.MODEL_NAME);
      Files.writeString(
          staging.resolve(ModelFolder.DESCRIPTION), description.toJson(), StandardCharsets.UTF_8);
      Files.writeString(
          staging.resolve(ModelFolder.SYNSET),
          String.join("\n", description.classNames()) + "\n",
          StandardCharsets.UTF_8);
      if (tokenizerFile != null) {
        Files.write(staging.resolve(ModelFolder.TOKENIZER), tokenizerFile);
      }
      Checksums.write(staging, ModelFolder.files(description));
      replace(modelDir, staging);
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Copies every parameter of {@code from} into {@code to}, by position; their shapes must agree.
   */
  static void copyParameters(Block from, Block to) {
    PairList<String, Parameter> source = from.getParameters();
    PairList<String, Parameter> target = to.getParameters();
    if (source.size() != target.size()) {
      throw new IllegalStateException(
          "the exported model would have "
              + target.size()
              + " parameters, the trained one has "
              + source.size()
              + ": its description does not rebuild it");
    }
    for (int i = 0; i < source.size(); i++) {
      Pair<String, Parameter> s = source.get(i);
      NDArray value = s.getValue().getArray();
      NDArray into = target.get(i).getValue().getArray();
      if (!value.getShape().equals(into.getShape())) {
        throw new IllegalStateException(
            "parameter "
                + s.getKey()
                + " has shape "
                + value.getShape()
                + ", its place in the exported model ("
                + target.get(i).getKey()
                + ") "
                + into.getShape()
                + ": the description does not rebuild the model");
      }
      into.set(new NDIndex(":"), value.toDevice(into.getDevice(), false));
    }
  }

  /** A temporary folder is private to its owner; a model folder is as readable as the run's. */
  private static void readableByAll(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: it keeps its own defaults.
    }
  }

  /** Moves {@code staging} to {@code target}, the previous folder there out of the way first. */
  private static void replace(Path target, Path staging) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".model-old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
