package dev.hasten.runtime.speedup;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's gradient recording off until closed, then back to what it was: for forward
 * passes outside a training step (scoring examples, re-estimating BatchNorm statistics) that must
 * neither build an autograd graph nor leave gradient mode changed.
 */
final class NoGradient implements AutoCloseable {
  private final boolean wasOn;

  NoGradient() {
    wasOn = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(wasOn);
  }
}
