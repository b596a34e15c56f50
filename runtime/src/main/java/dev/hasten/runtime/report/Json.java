package dev.hasten.runtime.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** One-line JSON objects with keys in insertion order, as metrics.jsonl and summary.json use. */
public final class Json {
  // Non-finite numbers are written as null: JSON has no NaN, and a reader must not choke on a
  // diverged run's log.
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}

  /** Starts an ordered object. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** The object on one line; non-finite doubles become null. */
  public static String line(Map<String, Object> object) {
    Map<String, Object> clean = new LinkedHashMap<>();
    object.forEach((k, v) -> clean.put(k, finiteOrNull(v)));
    return GSON.toJson(clean);
  }

  private static Object finiteOrNull(Object value) {
    if (value instanceof Double && !Double.isFinite((Double) value)) {
      return null;
    }
    if (value instanceof Float && !Float.isFinite((Float) value)) {
      return null;
    }
    return value;
  }
}
