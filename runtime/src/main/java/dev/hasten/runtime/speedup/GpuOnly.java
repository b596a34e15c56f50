package dev.hasten.runtime.speedup;

import ai.djl.Device;
import dev.hasten.runtime.InvalidInputException;

/**
 * The check that stops a run of a GPU-only speedup ({@code Requirement.GPU}) on any other device,
 * when the run starts: the device is only known then.
 */
final class GpuOnly {
  private GpuOnly() {}

  /**
   * @param device the run's device
   * @param speedup the speedup's annotation, e.g. {@code "@MixedPrecision"}
   * @param why why the CPU has nothing to gain from it, for the message
   * @throws InvalidInputException on any device but a GPU, with a one-line message that says why
   *     and what to do
   */
  static void require(Device device, String speedup, String why) {
    if (!Device.Type.GPU.equals(device.getDeviceType())) {
      throw new InvalidInputException(
          String.format(
              "%s needs a GPU, but this run is on %s (%s): remove %s, or run with --device gpu on"
                  + " a machine with a CUDA GPU",
              speedup, device, why, speedup));
    }
  }
}
