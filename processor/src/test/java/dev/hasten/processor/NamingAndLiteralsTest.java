package dev.hasten.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamingAndLiteralsTest {

  @Test
  void speedupFieldsAreTheDecapitalisedSimpleName() {
    assertEquals("labelSmoothing", PlanBuilder.decapitalize("LabelSmoothing"));
    assertEquals("ema", PlanBuilder.decapitalize("Ema"));
    assertEquals("ema", PlanBuilder.decapitalize("EMA"));
    assertEquals("sgdFoo", PlanBuilder.decapitalize("SGDFoo"));
    assertEquals("x", PlanBuilder.decapitalize("X"));
  }

  @Test
  void doublesAreWrittenAsJavaLiteralsWithAShortExponent() {
    assertEquals("0.2", Literals.ofDouble(0.2));
    assertEquals("0.0", Literals.ofDouble(0));
    assertEquals("5e-4", Literals.ofDouble(5e-4));
    assertEquals("1.5e-5", Literals.ofDouble(1.5e-5));
    assertEquals("1e10", Literals.ofDouble(1e10));
    assertEquals("Double.POSITIVE_INFINITY", Literals.ofDouble(Double.POSITIVE_INFINITY));
    assertEquals("42L", Literals.of(42L).toString());
    assertEquals("\"a\\\"b\"", Literals.of("a\"b").toString());
  }
}
