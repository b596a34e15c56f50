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
 * it, its classes, its input, the normalisation of that input, and how its Block is built again
 * ({@link ModelSource} and then each {@link SurgeryStep}, then the evaluation form of {@link
 * InferenceForm}).
 *
 * @param pipeline the pipeline's fully qualified class name
 * @param classNames the classes' names, by class index
 * @param channels the input's channels
 * @param height the input's height
 * @param width the input's width
 * @param normalisation how pixels become the input
 * @param source the Block before surgery
 * @param surgery the model surgeries of the run, in the order the loop applied them
 * @param speedups every speedup of the run, in loop order (for the record)
 * @param step the training step whose evaluation weights these are
 */
public record ModelDescription(
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
  static final String FORMAT = "hasten-model";
  static final int VERSION = 1;

  public ModelDescription {
    classNames = List.copyOf(classNames);
    surgery = List.copyOf(surgery);
    speedups = List.copyOf(speedups);
  }

  /** The same description, of the evaluation weights at {@code newStep}. */
  public ModelDescription atStep(long newStep) {
    return new ModelDescription(
        pipeline,
        classNames,
        channels,
        height,
        width,
        normalisation,
        source,
        surgery,
        speedups,
        newStep);
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
    o.addProperty("version", VERSION);
    o.addProperty("pipeline", pipeline);
    o.add("classes", strings(classNames));
    JsonObject input = new JsonObject();
    input.addProperty("channels", channels);
    input.addProperty("height", height);
    input.addProperty("width", width);
    o.add("input", input);
    JsonObject norm = new JsonObject();
    norm.addProperty("formula", "(pixel / 255 - mean) / std");
    norm.add("mean", floats(normalisation.mean()));
    norm.add("std", floats(normalisation.std()));
    o.add("normalisation", norm);
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
      if (o.get("version").getAsInt() != VERSION) {
        throw new IllegalArgumentException(
            "it is version " + o.get("version") + "; this Hasten reads version " + VERSION);
      }
      JsonObject input = o.getAsJsonObject("input");
      JsonObject norm = o.getAsJsonObject("normalisation");
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
      return new ModelDescription(
          o.get("pipeline").getAsString(),
          stringList(o.getAsJsonArray("classes")),
          input.get("channels").getAsInt(),
          input.get("height").getAsInt(),
          input.get("width").getAsInt(),
          new Normalisation(
              floatArray(norm.getAsJsonArray("mean")), floatArray(norm.getAsJsonArray("std"))),
          source,
          surgery,
          stringList(o.getAsJsonArray("speedups")),
          o.get("step").getAsLong());
    } catch (IllegalStateException
        | NullPointerException
        | JsonParseException
        | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "it is not a complete model description (" + e.getMessage() + ")", e);
    }
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
