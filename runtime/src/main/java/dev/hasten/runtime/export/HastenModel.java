package dev.hasten.runtime.export;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.translate.Translator;
import ai.djl.util.Pair;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.Normalisation;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an exported model with DJL:
 *
 * <pre>{@code
 * try (Model model = HastenModel.load(Path.of("runs/FashionMild-…/model"));
 *     Predictor<Image, Classifications> predictor = HastenModel.newPredictor(model)) {
 *   Classifications c = predictor.predict(ImageFactory.getInstance().fromFile(png));
 * }
 * }</pre>
 *
 * <p>The returned {@link Model} is a plain DJL model: its Block holds the weights evaluation saw,
 * in their evaluation form, and its properties hold the description ({@value
 * #DESCRIPTION_PROPERTY}) and the normalisation ({@value #MEAN_PROPERTY}, {@value #STD_PROPERTY}),
 * and its folder the class names as DJL's {@code synset.txt}, so DJL alone predicts with it. The
 * predictor's translator applies training's preprocessing: the image read as grey or colour as the
 * model's channels say, resized to the model's input size when it differs, scaled to [0, 1] and
 * normalised with training's mean and standard deviation; its output is softmax probabilities over
 * the class names.
 *
 * <p>A language model loads the same way, without the normalisation properties: its Block maps
 * int64 tokens {@code [batch, T]} to logits {@code [batch, T, vocabulary]}, and {@code
 * dev.hasten.runtime.generate} samples text from it through its tokenizer ({@link #tokenizer}: byte
 * tokens, or the {@code tokenizer.json} its folder carries); {@link #newPredictor} refuses it.
 *
 * <p>A catalog model loads from the folder alone. A model built by a pipeline's own {@code @Model}
 * method needs that pipeline class on the class path, and so does a speedup of one's own that
 * changed the model.
 */
public final class HastenModel {
  /** The model property holding the description's JSON. */
  public static final String DESCRIPTION_PROPERTY = "hasten.description";

  /** The model property holding the normalisation's means, one per channel, comma-separated. */
  public static final String MEAN_PROPERTY = "hasten.mean";

  /** The model property holding the normalisation's standard deviations, as the means. */
  public static final String STD_PROPERTY = "hasten.std";

  private HastenModel() {}

  /** As {@link #load(Path, Device)} on the CPU. */
  public static Model load(Path path) {
    return load(path, Device.cpu());
  }

  /**
   * Loads the exported model in {@code path} (a model folder, or a run folder holding one).
   *
   * @throws InvalidInputException if the folder is missing, incomplete or changed since export, its
   *     description does not match its parameters, or a class it needs is not on the class path
   */
  public static Model load(Path path, Device device) {
    Path dir = ModelFolder.of(path);
    ModelDescription description = describe(dir);
    Block block = Architecture.build(description, Thread.currentThread().getContextClassLoader());
    Model model = Model.newInstance(ModelFolder.MODEL_NAME, device);
    try {
      block.initialize(model.getNDManager(), DataType.FLOAT32, description.input().oneExample());
      List<Shape> built = shapes(block);
      model.setBlock(block);
      try {
        model.load(dir, ModelFolder.MODEL_NAME);
      } catch (IOException | MalformedModelException | RuntimeException e) {
        throw mismatch(dir, e.getMessage());
      }
      List<Shape> loaded = shapes(block);
      if (!built.equals(loaded)) {
        throw mismatch(dir, "parameter shapes " + loaded + ", the description builds " + built);
      }
      model.setProperty(DESCRIPTION_PROPERTY, description.toJson());
      if (!description.isLanguageModel()) {
        float[][] norm = description.normalisation().perChannel(description.channels());
        model.setProperty(MEAN_PROPERTY, join(norm[0]));
        model.setProperty(STD_PROPERTY, join(norm[1]));
      }
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static String join(float[] values) {
    StringBuilder out = new StringBuilder();
    for (float v : values) {
      out.append(out.length() == 0 ? "" : ",").append(v);
    }
    return out.toString();
  }

  private static InvalidInputException mismatch(Path dir, String detail) {
    return new InvalidInputException(
        dir + ": the parameters do not fit the model its description builds (" + detail + ")");
  }

  private static List<Shape> shapes(Block block) {
    List<Shape> shapes = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      shapes.add(p.getValue().getArray().getShape());
    }
    return shapes;
  }

  /**
   * The description of the exported model in {@code path}, its checksums verified.
   *
   * @throws InvalidInputException if there is none, or the folder changed since export
   */
  public static ModelDescription describe(Path path) {
    Path dir = ModelFolder.of(path);
    Path file = dir.resolve(ModelFolder.DESCRIPTION);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "no exported model in "
              + path
              + ": it holds no "
              + ModelFolder.NAME
              + "/"
              + ModelFolder.DESCRIPTION
              + " (a finished run exports one; ./hasten export RUN_DIR writes it from a"
              + " checkpoint)");
    }
    Checksums.verify(dir, ModelFolder.FILES);
    try {
      ModelDescription d =
          ModelDescription.fromJson(Files.readString(file, StandardCharsets.UTF_8));
      if (d.isLanguageModel() && d.tokens().hasFile()) {
        verifyTokenizer(dir, d.tokens());
      }
      return d;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the tokenizer file the description names is there, listed in the checksums, and the
   * one the description's SHA-256 names.
   */
  private static void verifyTokenizer(Path dir, ModelInput.Tokens tokens) throws IOException {
    Checksums.verify(dir, List.of(ModelFolder.TOKENIZER));
    String sha256 = Checksums.sha256(dir.resolve(ModelFolder.TOKENIZER));
    if (!sha256.equals(tokens.tokenizerSha256())) {
      throw new InvalidInputException(
          dir
              + ": "
              + ModelFolder.TOKENIZER
              + " is not the tokenizer the model was trained with (its SHA-256 is not the one in "
              + ModelFolder.DESCRIPTION
              + ")");
    }
  }

  /**
   * The tokenizer of the language model in {@code path}: byte tokens, or the {@code tokenizer.json}
   * its folder carries (checked against its description by {@link #describe}).
   *
   * @throws InvalidInputException if the model's tokenizer is one the folder does not hold, or the
   *     Hugging Face tokenizers library is not on the class path
   */
  public static Tokenizer tokenizer(Path path, ModelDescription d) {
    ModelInput.Tokens tokens = d.tokens();
    if (tokens.isBytes()) {
      return ByteTokens.TOKENIZER;
    }
    if (ModelInput.Tokens.HUGGINGFACE.equals(tokens.tokenizer()) && tokens.hasFile()) {
      Tokenizer tokenizer = Tokenizer.fromFile(ModelFolder.of(path).resolve(ModelFolder.TOKENIZER));
      if (tokenizer.vocabulary() > tokens.vocabulary()) {
        throw new InvalidInputException(
            String.format(
                "%s: %s has %,d tokens, more than the model's %,d",
                ModelFolder.of(path),
                ModelFolder.TOKENIZER,
                tokenizer.vocabulary(),
                tokens.vocabulary()));
      }
      return tokenizer;
    }
    throw new InvalidInputException(
        d.simpleName()
            + "'s model reads tokens of its own tokenizer ("
            + tokens.vocabulary()
            + " of them), which its folder does not hold: it was trained on token ids of a data"
            + " set other than a TextDataset");
  }

  /** The description of a model {@link #load} returned. */
  public static ModelDescription description(Model model) {
    String json = model.getProperty(DESCRIPTION_PROPERTY);
    if (json == null) {
      throw new IllegalArgumentException("the model was not loaded by HastenModel.load");
    }
    return ModelDescription.fromJson(json);
  }

  /**
   * A predictor of class probabilities for images, with training's preprocessing.
   *
   * @throws InvalidInputException if the model is a language model
   */
  public static Predictor<Image, Classifications> newPredictor(Model model) {
    return model.newPredictor(translator(description(model)));
  }

  /**
   * Refuses a language model where images go in.
   *
   * @throws InvalidInputException naming the model and what to do with it instead
   */
  public static void requireImageModel(ModelDescription d) {
    if (d.isLanguageModel()) {
      throw new InvalidInputException(
          d.simpleName()
              + "'s model is a language model: it takes text, not images (sample from it with"
              + " ./hasten generate)");
    }
  }

  /**
   * DJL's image-classification translator with the preprocessing of training: {@code channels} of 1
   * reads images as grey, 3 as colour; an image of another size is resized (bilinear); pixels are
   * normalised per channel by training's own arithmetic ({@link Normalisation#apply}); the output
   * is softmax probabilities.
   */
  public static Translator<Image, Classifications> translator(ModelDescription d) {
    requireImageModel(d);
    Normalisation normalisation = d.normalisation();
    int width = d.width();
    int height = d.height();
    return ImageClassificationTranslator.builder()
        .optFlag(d.channels() == 1 ? Image.Flag.GRAYSCALE : Image.Flag.COLOR)
        .addTransform(array -> resizeIfNeeded(array, width, height))
        .addTransform(array -> normalise(array, normalisation))
        .optSynset(d.classNames())
        .optApplySoftmax(true)
        .build();
  }

  /**
   * HWC pixels to a normalised CHW float32 array, by the arithmetic training used ({@link
   * Normalisation#apply}).
   */
  private static NDArray normalise(NDArray hwc, Normalisation normalisation) {
    return normalisation.apply(hwc.transpose(2, 0, 1).expandDims(0)).squeeze(0);
  }

  /** An HWC image of another size resized to {@code width × height}; the same array otherwise. */
  private static NDArray resizeIfNeeded(NDArray image, int width, int height) {
    Shape s = image.getShape();
    if (s.get(0) == height && s.get(1) == width) {
      return image;
    }
    return NDImageUtils.resize(image, width, height);
  }
}
