package dev.hasten.runtime.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hasten.runtime.data.ImageCacheFile.DamagedCacheException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON metadata of an image cache (docs/DATA.md): what the pixels are and where they came from.
 *
 * @param key the folder contents' fingerprint the cache was built from ({@link CacheKey})
 * @param source the split's folder, for messages
 * @param count images in the cache
 * @param channels 1 or 3
 * @param height pixels
 * @param width pixels
 * @param classes the class names; labels index them
 * @param mean per channel, of the pixels scaled to [0, 1]
 * @param std per channel (population), of the pixels scaled to [0, 1]
 * @param skipped the relative paths of the files that could not be decoded, each with the reason
 */
record CacheMetadata(
    String key,
    String source,
    int count,
    int channels,
    int height,
    int width,
    List<String> classes,
    float[] mean,
    float[] std,
    List<String> skipped) {

  int imageBytes() {
    return channels * height * width;
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("format", ImageCacheFile.VERSION);
    o.addProperty("key", key);
    o.addProperty("source", source);
    o.addProperty("count", count);
    o.addProperty("channels", channels);
    o.addProperty("height", height);
    o.addProperty("width", width);
    o.addProperty("layout", "uint8 NCHW");
    o.add("classes", strings(classes));
    JsonArray m = new JsonArray();
    JsonArray s = new JsonArray();
    for (int c = 0; c < channels; c++) {
      m.add(mean[c]);
      s.add(std[c]);
    }
    o.add("mean", m);
    o.add("std", s);
    o.add("skipped", strings(skipped));
    return o;
  }

  static CacheMetadata fromJson(JsonObject o) throws DamagedCacheException {
    try {
      int channels = o.get("channels").getAsInt();
      int height = o.get("height").getAsInt();
      int width = o.get("width").getAsInt();
      int count = o.get("count").getAsInt();
      if (count < 0 || channels < 1 || height < 1 || width < 1) {
        throw new DamagedCacheException("its metadata is impossible (" + o + ")");
      }
      float[] mean = floats(o.getAsJsonArray("mean"), channels);
      float[] std = floats(o.getAsJsonArray("std"), channels);
      return new CacheMetadata(
          o.get("key").getAsString(),
          o.get("source").getAsString(),
          count,
          channels,
          height,
          width,
          strings(o.getAsJsonArray("classes")),
          mean,
          std,
          strings(o.getAsJsonArray("skipped")));
    } catch (RuntimeException e) {
      throw new DamagedCacheException("its metadata is incomplete (" + e.getMessage() + ")");
    }
  }

  private static float[] floats(JsonArray array, int channels) throws DamagedCacheException {
    if (array.size() != channels) {
      throw new DamagedCacheException(
          "its metadata has " + array.size() + " statistics for " + channels + " channels");
    }
    float[] values = new float[channels];
    for (int i = 0; i < channels; i++) {
      values[i] = array.get(i).getAsFloat();
    }
    return values;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    for (JsonElement e : array) {
      values.add(e.getAsString());
    }
    return List.copyOf(values);
  }
}
