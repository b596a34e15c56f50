package dev.hasten.runtime.export;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hasten.runtime.data.Normalisation;
import java.util.ArrayList;
import java.util.List;

/**
 * What an exported model is, as {@code model/hasten-model.json} says it: the pipeline that trained
 * it, its classes, its input ({@link ModelInput}: images and their normalisation, or token windows
 * of a language model, whose classes are its vocabulary), and how its Block is built again ({@link
 * ModelSource} and then each {@link SurgeryStep}, then the evaluation form of {@link
 * InferenceForm}).
 *
 * <p>The file of an image model is format version {@value #VERSION}, as it has always been. A
 * language model's is version {@value #TOKENS_VERSION}: it names its task, and a Hasten that reads
 * only version 1 says that it cannot read it, rather than that the file is incomplete. A file
 * without a task (every image model's, old and new) describes an image model. A language model's
 * input names its tokenizer: {@code bytes}, {@code huggingface} with the {@code tokenizer.json} the
 * folder carries and its SHA-256, or {@code own} (token ids of a tokenizer it does not carry).
 *
 * @param pipeline the pipeline's fully qualified class name
 * @param classNames the classes' names, by class index (a language model's: its tokens')
 * @param input what the model takes in
 * @param source the Block before surgery
 * @param surgery the model surgeries of the run, in the order the loop applied them
 * @param speedups every speedup of the run, in loop order (for the record)
 * @param step the training step whose evaluation weights these are
 */
public record ModelDescription(
    String pipeline,
    List<String> classNames,
    ModelInput input,
    ModelSource source,
    List<SurgeryStep> surgery,
    List<String> speedups,
    long step) {
  static final String FORMAT = "hasten-model";
  static final int VERSION = 1;
  static final int TOKENS_VERSION = 2;

  /** The task a language model's file names. */
  static final String LANGUAGE_MODELING = "language-modeling";

  public ModelDescription {
    classNames = List.copyOf(classNames);
    surgery = List.copyOf(surgery);
    speedups = List.copyOf(speedups);
  }

  /** The description of an image model. */
  public ModelDescription(
      String pipeline,
      List<String> classNames,
      int channels,
      int height,
      int width,
      Normalisation normalisation,
      ModelSource source,
      List<SurgeryStep> surgery,
      List<String> speedups,
      long step) {
    this(
        pipeline,
        classNames,
        new ModelInput.Images(channels, height, width, normalisation),
        source,
        surgery,
        speedups,
        step);
  }

  /** The description of a language model: its classes are its tokens. */
  public static ModelDescription ofTokens(
      String pipeline,
      ModelInput.Tokens tokens,
      ModelSource source,
      List<SurgeryStep> surgery,
      List<String> speedups,
      long step) {
    return new ModelDescription(
        pipeline, tokens.tokenNames(), tokens, source, surgery, speedups, step);
  }

  /** The same description, of the evaluation weights at {@code newStep}. */
  public ModelDescription atStep(long newStep) {
    return new ModelDescription(pipeline, classNames, input, source, surgery, speedups, newStep);
  }

  /** Whether the model is a language model, taking token windows rather than images. */
  public boolean isLanguageModel() {
    return input instanceof ModelInput.Tokens;
  }

  /**
   * The image input of an image model.
   *
   * @throws IllegalStateException for a language model
   */
  public ModelInput.Images images() {
    if (input instanceof ModelInput.Images) {
      return (ModelInput.Images) input;
    }
    throw new IllegalStateException(
        simpleName() + "'s model is a language model: it has no images");
  }

  /**
   * The token input of a language model.
   *
   * @throws IllegalStateException for an image model
   */
  public ModelInput.Tokens tokens() {
    if (input instanceof ModelInput.Tokens) {
      return (ModelInput.Tokens) input;
    }
    throw new IllegalStateException(simpleName() + "'s model is an image model: it has no tokens");
  }

  /** An image model's input channels. */
  public int channels() {
    return images().channels();
  }

  /** An image model's input height. */
  public int height() {
    return images().height();
  }

  /** An image model's input width. */
  public int width() {
    return images().width();
  }

  /** How an image model's pixels become its input. */
  public Normalisation normalisation() {
    return images().normalisation();
  }

  /** The pipeline's simple class name. */
  public String simpleName() {
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }

  /**
   * How the Block before surgery is built: a call of the {@code Models} catalog (no pipeline class
   * needed), or the pipeline's own {@code @Model} method.
   *
   * @param catalogMethod the {@code Models} method, or null for the pipeline's method
   * @param catalogArguments its arguments (enum names and numbers)
   */
  public record ModelSource(String catalogMethod, JsonArray catalogArguments) {
    /** The pipeline's {@code @Model} method. */
    public static ModelSource pipelineMethod() {
      return new ModelSource(null, new JsonArray());
    }

    public boolean isCatalog() {
      return catalogMethod != null;
    }
  }

  /**
   * One model surgery: the speedup annotation's type and all its values.
   *
   * @param annotation the annotation's fully qualified name
   * @param values its members by name
   */
  public record SurgeryStep(String annotation, JsonObject values) {}

  /** The description as indented JSON. */
  public String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    if (input instanceof ModelInput.Tokens) {
      ModelInput.Tokens tokens = (ModelInput.Tokens) input;
      o.addProperty("version", TOKENS_VERSION);
      o.addProperty("pipeline", pipeline);
      o.addProperty("task", LANGUAGE_MODELING);
      JsonObject in = new JsonObject();
      in.addProperty("tokenizer", tokens.tokenizer());
      if (tokens.hasFile()) {
        in.addProperty("tokenizer_file", ModelFolder.TOKENIZER);
        in.addProperty("tokenizer_sha256", tokens.tokenizerSha256());
      }
      in.addProperty("vocabulary", tokens.vocabulary());
      in.addProperty("sequence_length", tokens.sequenceLength());
      o.add("input", in);
    } else {
      ModelInput.Images images = (ModelInput.Images) input;
      o.addProperty("version", VERSION);
      o.addProperty("pipeline", pipeline);
      o.add("classes", strings(classNames));
      JsonObject in = new JsonObject();
      in.addProperty("channels", images.channels());
      in.addProperty("height", images.height());
      in.addProperty("width", images.width());
      o.add("input", in);
      JsonObject norm = new JsonObject();
      norm.addProperty("formula", "(pixel / 255 - mean) / std");
      norm.add("mean", floats(images.normalisation().mean()));
      norm.add("std", floats(images.normalisation().std()));
      o.add("normalisation", norm);
    }
    JsonObject model = new JsonObject();
    if (source.isCatalog()) {
      model.addProperty("catalog", source.catalogMethod());
      model.add("arguments", source.catalogArguments());
    } else {
      model.addProperty("pipeline_method", "@Model");
    }
    JsonArray steps = new JsonArray();
    for (SurgeryStep s : surgery) {
      JsonObject step = new JsonObject();
      step.addProperty("speedup", s.annotation());
      step.add("values", s.values());
      steps.add(step);
    }
    model.add("surgery", steps);
    model.addProperty(
        "evaluation_form",
        "stochastic-depth branches scaled by their keep probability; ghost batch norm as batch"
            + " norm; mixed precision as float32");
    o.add("model", model);
    o.add("speedups", strings(speedups));
    o.addProperty("step", step);
    return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
  }

  /**
   * Reads a description.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static ModelDescription fromJson(String json) {
    try {
      JsonObject o = JsonParser.parseString(json).getAsJsonObject();
      if (!FORMAT.equals(o.get("format").getAsString())) {
        throw new IllegalArgumentException("its format is not " + FORMAT);
      }
      int version = o.get("version").getAsInt();
      if (version != VERSION && version != TOKENS_VERSION) {
        throw new IllegalArgumentException(
            "it is version "
                + o.get("version")
                + "; this Hasten reads versions "
                + VERSION
                + " and "
                + TOKENS_VERSION);
      }
      JsonObject in = o.getAsJsonObject("input");
      JsonObject model = o.getAsJsonObject("model");
      ModelSource source =
          model.has("catalog")
              ? new ModelSource(
                  model.get("catalog").getAsString(), model.getAsJsonArray("arguments"))
              : ModelSource.pipelineMethod();
      List<SurgeryStep> surgery = new ArrayList<>();
      for (JsonElement e : model.getAsJsonArray("surgery")) {
        JsonObject step = e.getAsJsonObject();
        surgery.add(
            new SurgeryStep(step.get("speedup").getAsString(), step.getAsJsonObject("values")));
      }
      String pipeline = o.get("pipeline").getAsString();
      List<String> speedups = stringList(o.getAsJsonArray("speedups"));
      long step = o.get("step").getAsLong();
      // A file without a task is an image model's: every one written before language models.
      if (o.has("task")) {
        String task = o.get("task").getAsString();
        if (!LANGUAGE_MODELING.equals(task)) {
          throw new IllegalArgumentException(
              "its task is " + task + ", which this Hasten does not know");
        }
        ModelInput.Tokens tokens =
            new ModelInput.Tokens(
                in.get("tokenizer").getAsString(),
                positive(in, "vocabulary"),
                positive(in, "sequence_length"),
                tokenizerSha256(in));
        return ofTokens(pipeline, tokens, source, surgery, speedups, step);
      }
      JsonObject norm = o.getAsJsonObject("normalisation");
      return new ModelDescription(
          pipeline,
          stringList(o.getAsJsonArray("classes")),
          in.get("channels").getAsInt(),
          in.get("height").getAsInt(),
          in.get("width").getAsInt(),
          new Normalisation(
              floatArray(norm.getAsJsonArray("mean")), floatArray(norm.getAsJsonArray("std"))),
          source,
          surgery,
          speedups,
          step);
    } catch (IllegalStateException
        | NullPointerException
        | JsonParseException
        | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "it is not a complete model description (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The SHA-256 of the carried tokenizer file, if the input names one; descriptions written before
   * tokenizer files ("bytes", "own") name none.
   */
  private static String tokenizerSha256(JsonObject in) {
    if (!in.has("tokenizer_file")) {
      return null;
    }
    String file = in.get("tokenizer_file").getAsString();
    if (!ModelFolder.TOKENIZER.equals(file)) {
      throw new IllegalArgumentException(
          "its tokenizer_file is " + file + ", not " + ModelFolder.TOKENIZER);
    }
    String sha256 = in.get("tokenizer_sha256").getAsString();
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("its tokenizer_sha256 is not a SHA-256: " + sha256);
    }
    return sha256;
  }

  private static int positive(JsonObject o, String key) {
    int value = o.get(key).getAsInt();
    if (value < 1) {
      throw new IllegalArgumentException("its " + key + " is " + value + ", not a positive count");
    }
    return value;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static JsonArray floats(float[] values) {
    JsonArray a = new JsonArray();
    for (float v : values) {
      a.add(v);
    }
    return a;
  }

  private static List<String> stringList(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static float[] floatArray(JsonArray a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsFloat();
    }
    return out;
  }
}
