package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.hasten.runtime.data.Normalisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDescriptionTest {
  static ModelDescription sample() {
    JsonArray arguments = new JsonArray();
    arguments.add("SMALL");
    arguments.add(10);
    return new ModelDescription(
        "a.b.Pipe",
        List.of("cat", "dog"),
        1,
        28,
        28,
        Normalisation.of(0.2860f, 0.3530f),
        new ModelDescription.ModelSource("resNet", arguments),
        List.of(
            new ModelDescription.SurgeryStep(
                "dev.hasten.dsl.speedup.BlurPool",
                JsonParser.parseString("{\"minChannels\":16}").getAsJsonObject())),
        List.of("BlurPool", "Ema"),
        1234);
  }

  @Test
  void jsonRoundTripKeepsEveryField() {
    ModelDescription d = sample();
    ModelDescription back = ModelDescription.fromJson(d.toJson());
    assertEquals(d.pipeline(), back.pipeline());
    assertEquals(d.classNames(), back.classNames());
    assertEquals(28, back.height());
    assertArrayEquals(new float[] {0.2860f}, back.normalisation().mean());
    assertArrayEquals(new float[] {0.3530f}, back.normalisation().std());
    assertEquals(d.source(), back.source());
    assertEquals(d.surgery(), back.surgery());
    assertEquals(d.speedups(), back.speedups());
    assertEquals(1234, back.step());
  }

  @Test
  void anIncompleteDescriptionIsRefused() {
    String json = sample().toJson().replace("\"input\"", "\"inputs\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelDescription.fromJson(json));
    assertTrue(e.getMessage().contains("not a complete model description"), e.getMessage());
  }

  @Test
  void anotherFormatIsRefused() {
    String json = sample().toJson().replace("\"hasten-model\"", "\"other\"");
    assertThrows(IllegalArgumentException.class, () -> ModelDescription.fromJson(json));
  }
}
