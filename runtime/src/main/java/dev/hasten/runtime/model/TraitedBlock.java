package dev.hasten.runtime.model;

import ai.djl.nn.Block;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * A {@link Block} that names the traits it contributes itself. {@link ModelTraits} recognises DJL's
 * standard blocks by their classes; a custom block (a residual block of one's own, a replacement
 * written by a model-surgery speedup) implements this so that the trait check sees it. Its children
 * are still walked, so it names only what it adds, not what they hold.
 */
public interface TraitedBlock extends Block {
  /** The traits this block contributes, not counting its children. */
  Set<Trait> traits();
}
