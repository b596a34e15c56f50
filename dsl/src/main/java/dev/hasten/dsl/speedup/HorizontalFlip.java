package dev.hasten.dsl.speedup;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Random horizontal flip (torchvision's {@code RandomHorizontalFlip}): each image of each batch is
 * mirrored left to right with the given probability, drawn anew every step from the seed and the
 * step, on the device.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.HorizontalFlipMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES},
    stages = {Stage.BATCH},
    summary = "Mirrors each image left to right with a probability, drawn anew every step.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface HorizontalFlip {
  /** The probability that an image is mirrored. */
  @Range(min = 0, max = 1, minInclusive = false)
  double probability() default 0.5;
}
