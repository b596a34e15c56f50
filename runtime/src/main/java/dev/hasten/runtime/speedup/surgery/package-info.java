/**
 * Model surgery: rewriting a DJL Block tree before initialisation, and the blocks the model-surgery
 * speedups put into it (blurs, squeeze-excite gates, droppable residual branches, ghost BatchNorm).
 *
 * <p>{@link dev.hasten.runtime.speedup.surgery.BlockRewriter} walks any tree of standard DJL blocks
 * and Hasten's own; the blocks here keep the original layers as their children, so {@code
 * ModelTraits} still finds every Conv2d, BatchNorm, max-pool and residual block after surgery.
 */
package dev.hasten.runtime.speedup.surgery;
