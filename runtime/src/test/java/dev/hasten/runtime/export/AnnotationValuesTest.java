package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.StochasticDepth;
import org.junit.jupiter.api.Test;

class AnnotationValuesTest {
  @BlurPool(minChannels = 3, blurFirst = false)
  @StochasticDepth(dropRate = 0.3, dropDistribution = DropDistribution.UNIFORM)
  static final class Annotated {}

  @Test
  void everyMemberIsWrittenDefaultsIncluded() {
    JsonObject json = AnnotationValues.toJson(Annotated.class.getAnnotation(BlurPool.class));
    assertEquals(
        JsonParser.parseString(
            "{\"blurFirst\":false,\"minChannels\":3,\"replaceConvs\":true,\"replaceMaxpools\":true}"),
        json);
  }

  @Test
  void anInstanceMadeBackHasTheValues() {
    StochasticDepth original = Annotated.class.getAnnotation(StochasticDepth.class);
    StochasticDepth copy =
        AnnotationValues.fromJson(StochasticDepth.class, AnnotationValues.toJson(original));
    assertEquals(0.3, copy.dropRate(), 0.0);
    assertEquals(DropDistribution.UNIFORM, copy.dropDistribution());
    assertEquals(StochasticDepth.class, copy.annotationType());
  }

  @Test
  void aMissingMemberTakesItsDefault() {
    BlurPool blur =
        AnnotationValues.fromJson(
            BlurPool.class, JsonParser.parseString("{\"minChannels\":7}").getAsJsonObject());
    assertEquals(7, blur.minChannels());
    assertEquals(true, blur.blurFirst());
  }

  @Test
  void anUnknownEnumValueIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AnnotationValues.fromJson(
                StochasticDepth.class,
                JsonParser.parseString("{\"dropDistribution\":\"CUBIC\"}").getAsJsonObject()));
  }
}
