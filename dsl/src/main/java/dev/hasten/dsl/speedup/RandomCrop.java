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
 * Random crop with padding, the standard augmentation of CIFAR training (torchvision's {@code
 * RandomCrop(size, padding)}): every image is moved by its own random offset of up to {@code
 * padding} pixels each way, keeping its size, with the border pixels repeated into the space
 * uncovered. A new crop every step, drawn from the seed and the step, on the device.
 */
@Speedup(
    implementedBy = "dev.hasten.runtime.speedup.RandomCropMethod",
    component = Component.DATA,
    effect = Effect.FEWER_STEPS,
    requires = {Requirement.IMAGES},
    stages = {Stage.BATCH},
    summary = "Shifts each image by a random offset of up to padding pixels, a new one every step.")
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RandomCrop {
  /** The largest shift, in pixels, each way (torchvision's padding; 4 for 32×32 CIFAR). */
  @Range(min = 1)
  int padding() default 4;
}
