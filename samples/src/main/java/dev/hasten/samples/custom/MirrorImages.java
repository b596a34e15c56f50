package dev.hasten.samples.custom;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user-defined speedup: mirrors a random part of each batch left to right. It is declared exactly
 * like the built-in ones (this annotation plus {@link MirrorImagesMethod}), and the processor
 * validates it by the same rules: ranges, requirements, stages. (The built-in
 * {@code @HorizontalFlip} does the same job; this one stays as the example of writing your own.)
 */
@Speedup(
    implementedBy = "dev.hasten.samples.custom.MirrorImagesMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES},
    stages = {Stage.BATCH},
    summary = "Mirrors a random part of each batch left to right (a user-defined sample).")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MirrorImages {
  /** The probability that an example is mirrored. */
  @Range(min = 0, max = 1)
  double probability() default 0.5;
}
