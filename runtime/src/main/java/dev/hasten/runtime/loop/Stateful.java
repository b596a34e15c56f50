package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * A speedup (or other loop part) whose state outlives a step: Ema's averages, Swa's running
 * average, LayerFreezing's progress, a loss scale. Checkpoints save it and a resumed run loads it,
 * so that the resumed run continues exactly. The generated loop registers every speedup whose class
 * implements this with {@link Run#keepState(String, Stateful)}.
 *
 * <p>State is a flat map of named arrays; counters and flags are 0-dimensional arrays. Nothing else
 * is saved, so a checkpoint never holds code or Java objects.
 */
public interface Stateful {
  /** Copies of the state, in {@code into}, keyed by names unique within this object. */
  Map<String, NDArray> saveState(NDManager into);

  /**
   * Restores state saved by {@link #saveState}, before the first step of a resumed run, for {@code
   * model} (already holding the checkpoint's weights).
   *
   * @throws dev.hasten.runtime.InvalidInputException if the state does not fit (other names or
   *     shapes): the checkpoint belongs to another pipeline
   */
  void loadState(Block model, Map<String, NDArray> state);
}
