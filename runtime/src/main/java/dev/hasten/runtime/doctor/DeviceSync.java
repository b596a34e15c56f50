package dev.hasten.runtime.doctor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Waits until a device has finished the work queued on it. DJL 0.36 has no explicit synchronisation
 * call; copying a value back to the host does it, since the copy is queued behind every kernel
 * launched before it and returns only when it is done.
 */
final class DeviceSync {
  private DeviceSync() {}

  static void await(NDManager manager) {
    try (NDArray probe = manager.zeros(new Shape(1))) {
      probe.toFloatArray();
    }
  }
}
