package dev.hasten.dsl.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedNamesTest {
  static class Nested {
    static class Deeper {}
  }

  @Test
  void aTopLevelPipelineGetsItsNameWithASuffix() {
    assertEquals(
        "dev.hasten.dsl.rules.GeneratedNamesTestModule",
        GeneratedNames.module(GeneratedNamesTest.class));
    assertEquals(
        "dev.hasten.dsl.rules.GeneratedNamesTestTrainer",
        GeneratedNames.trainer(GeneratedNamesTest.class));
  }

  @Test
  void aNestedPipelineJoinsItsEnclosingNamesWithUnderscores() {
    assertEquals(
        "dev.hasten.dsl.rules.GeneratedNamesTest_Nested_DeeperModule",
        GeneratedNames.module(Nested.Deeper.class));
    assertEquals("Outer_FooTrainer", GeneratedNames.trainerSimpleName(List.of("Outer", "Foo")));
    assertEquals("FooModule", GeneratedNames.moduleSimpleName(List.of("Foo")));
  }
}
