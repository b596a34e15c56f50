package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An average of a model's weights kept beside the model: the middle that {@link EmaMethod} and
 * {@link SwaMethod} share, as Composer's {@code EMAParameters} is for its EMA. The methods keep
 * only their update rule ({@link #update}'s {@code keep}) and their window; this class keeps the
 * averages, swaps them in and out of the model exactly, and saves and restores them.
 *
 * <p>The averages live in a manager of their own, a sub-manager of the parameters' manager, so they
 * outlive steps and go when the model does (or on {@link #close()}). Every copy into the model is
 * in place and exact ({@link #overwrite}), so that whatever holds a parameter's array (the
 * optimizer's state keyed by it, the gradient attached to it) stays valid.
 *
 * <p>Where it differs from Composer's: Composer swaps the average and the training weights (three
 * copies per tensor) and keeps no second copy; this class sets the training weights aside in a
 * manager that lives only while the average is swapped in, and writes them back exactly, so that a
 * method may change the model while the average is in (SWA recomputes BatchNorm's statistics for
 * it) and still give training its own values back.
 */
final class AveragedWeights implements AutoCloseable {
  /** The method's name for messages: "EMA", "SWA". */
  private final String owner;

  /** Which of the model's parameters are averaged. */
  private final Predicate<Parameter> averaged;

  /** Parameter name → its average, in the model's parameter order; empty until started. */
  private final Map<String, NDArray> averages = new LinkedHashMap<>();

  /**
   * The same averages paired with their parameters, so that an update does not walk the Block tree
   * (the parameters of a model do not change once training has started).
   */
  private final List<Tracked> tracked = new ArrayList<>();

  private NDManager averagesManager;

  /** Every parameter's training value while the average is swapped in; null otherwise. */
  private NDManager trainingManager;

  private Map<String, NDArray> training;
  private boolean swappedIn;

  /**
   * @param owner the method's name, for messages
   * @param averaged which parameters are averaged; the others keep their training value
   */
  AveragedWeights(String owner, Predicate<Parameter> averaged) {
    this.owner = owner;
    this.averaged = averaged;
  }

  /** Every parameter, BatchNorm's running statistics included. */
  static Predicate<Parameter> everyParameter() {
    return parameter -> true;
  }

  /** Every parameter but BatchNorm's running statistics. */
  static Predicate<Parameter> withoutRunningStatistics() {
    return parameter ->
        parameter.getType() != Parameter.Type.RUNNING_MEAN
            && parameter.getType() != Parameter.Type.RUNNING_VAR;
  }

  /** Whether there is no average yet (before {@link #start}, after {@link #close}). */
  boolean isEmpty() {
    return averages.isEmpty();
  }

  /** Whether the average is in the model, between {@link #swapIn} and {@link #swapOut}. */
  boolean swappedIn() {
    return swappedIn;
  }

  /** Starts the average as a copy of the model's averaged parameters, dropping any before. */
  void start(Block model) {
    NDManager manager = newAveragesManager(model);
    for (Pair<String, Parameter> named : averagedParameters(model)) {
      track(named.getKey(), named.getValue(), copyInto(manager, named.getValue().getArray()));
    }
  }

  /**
   * {@code avg ← keep·avg + (1 − keep)·w} for every averaged parameter {@code w}, in place as
   * {@code (avg − w)·keep + w}: three native calls per parameter and no allocation. It assumes,
   * like the optimizer's in-place update, that autograd is not recording.
   */
  void update(double keep) {
    requireTrainingWeightsIn("update the average");
    for (Tracked t : tracked) {
      NDArray weights = t.parameter().getArray();
      t.average().subi(weights).muli(keep).addi(weights);
    }
  }

  /** Copies the average into the model's averaged parameters for good (SWA's end). */
  void copyIntoModel() {
    requireTrainingWeightsIn("copy the average in");
    for (Tracked t : tracked) {
      overwrite(t.parameter().getArray(), t.average());
    }
  }

  /**
   * Sets every parameter of the model aside, running statistics included, and copies the average
   * into the averaged ones, in place. With no average yet the model is left as it is.
   *
   * @return whether the average went in (false before {@link #start})
   */
  boolean swapIn(Block model) {
    if (swappedIn) {
      throw new IllegalStateException(owner + " weights are already swapped in");
    }
    swappedIn = true;
    if (averages.isEmpty()) {
      return false;
    }
    trainingManager = averagesManager.newSubManager();
    training = new LinkedHashMap<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      training.put(named.getKey(), copyInto(trainingManager, named.getValue().getArray()));
    }
    for (Tracked t : tracked) {
      overwrite(t.parameter().getArray(), t.average());
    }
    return true;
  }

  /** Copies every parameter set aside by {@link #swapIn} back, exactly, in place. */
  void swapOut(Block model) {
    if (!swappedIn) {
      throw new IllegalStateException(owner + " weights are not swapped in");
    }
    swappedIn = false;
    if (training == null) {
      return;
    }
    for (Pair<String, Parameter> named : model.getParameters()) {
      overwrite(named.getValue().getArray(), training.get(named.getKey()));
    }
    training = null;
    trainingManager.close();
    trainingManager = null;
  }

  /**
   * The averages by parameter name, in the model's parameter order: live arrays owned by this
   * object (copy them, do not close them); empty before {@link #start}.
   */
  Map<String, NDArray> averages() {
    return Collections.unmodifiableMap(averages);
  }

  /** Puts copies of the averages, owned by {@code into}, in {@code state} under prefix + name. */
  void save(Map<String, NDArray> state, NDManager into, String prefix) {
    averages.forEach((name, average) -> state.put(prefix + name, copyInto(into, average)));
  }

  /**
   * Replaces the averages by copies of the entries of {@code saved} named prefix + parameter name
   * (as {@link #save} wrote them), on the parameters' device and in their type. Entries without the
   * prefix are the method's own and are not looked at.
   *
   * @throws InvalidInputException if the saved names are not those of the averaged parameters, or a
   *     saved average has another shape than its parameter; nothing is changed then
   */
  void load(Block model, Map<String, NDArray> saved, String prefix) {
    requireTrainingWeightsIn("restore the average");
    Map<String, NDArray> byName = new LinkedHashMap<>();
    saved.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            byName.put(key.substring(prefix.length()), value);
          }
        });
    List<Pair<String, Parameter>> parameters = averagedParameters(model);
    List<String> names = parameters.stream().map(Pair::getKey).toList();
    if (!byName.keySet().equals(new HashSet<>(names))) {
      throw new InvalidInputException(
          "the checkpoint's "
              + owner
              + " average is for parameters "
              + byName.keySet()
              + " but the model has "
              + names
              + ": it belongs to another pipeline");
    }
    for (Pair<String, Parameter> named : parameters) {
      NDArray weights = named.getValue().getArray();
      NDArray average = byName.get(named.getKey());
      if (!weights.getShape().equals(average.getShape())) {
        throw new InvalidInputException(
            "the checkpoint's "
                + owner
                + " average of "
                + named.getKey()
                + " has shape "
                + average.getShape()
                + " but the parameter has "
                + weights.getShape()
                + ": it belongs to another pipeline");
      }
    }
    NDManager manager = newAveragesManager(model);
    for (Pair<String, Parameter> named : parameters) {
      NDArray weights = named.getValue().getArray();
      NDArray average =
          byName
              .get(named.getKey())
              .toDevice(weights.getDevice(), false)
              .toType(weights.getDataType(), false);
      track(named.getKey(), named.getValue(), copyInto(manager, average));
    }
  }

  /**
   * Frees the averages and any training weights set aside; call it after {@link #swapOut}, or the
   * model keeps the average.
   */
  @Override
  public void close() {
    if (averagesManager != null) {
      averagesManager.close(); // the training weights' manager is its child
      averagesManager = null;
    }
    averages.clear();
    tracked.clear();
    training = null;
    trainingManager = null;
    swappedIn = false;
  }

  private void requireTrainingWeightsIn(String what) {
    if (swappedIn) {
      throw new IllegalStateException(
          owner + " weights are swapped in: call swapOut before you " + what);
    }
  }

  private List<Pair<String, Parameter>> averagedParameters(Block model) {
    List<Pair<String, Parameter>> out = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      if (averaged.test(named.getValue())) {
        out.add(named);
      }
    }
    return out;
  }

  /** Closes the previous averages, if any, and opens a manager beside the parameters. */
  private NDManager newAveragesManager(Block model) {
    close();
    if (model.getParameters().isEmpty()) {
      throw new IllegalArgumentException("the model has no parameters to average");
    }
    Parameter first = model.getParameters().valueAt(0);
    averagesManager = first.getArray().getManager().newSubManager();
    return averagesManager;
  }

  private void track(String name, Parameter parameter, NDArray average) {
    averages.put(name, average);
    tracked.add(new Tracked(parameter, average));
  }

  /** A parameter and its average. */
  private record Tracked(Parameter parameter, NDArray average) {}

  /** A device copy of {@code source} owned by {@code manager}. */
  private static NDArray copyInto(NDManager manager, NDArray source) {
    NDArray copy = source.duplicate();
    copy.attach(manager);
    return copy;
  }

  /**
   * {@code target ← source}, in place and exactly, so that everything holding {@code target} (the
   * parameter, the optimizer's state keyed by it) stays valid. A full slice makes DJL copy with
   * torch's {@code copy_} (an empty index would not), and DJL closes the indexer's temporaries
   * itself. Exact even for non-finite values, unlike {@code muli(0).addi(source)}.
   */
  private static void overwrite(NDArray target, NDArray source) {
    target.set(new NDIndex(":"), source); // ":" covers axis 0; DJL fills in the rest
  }
}
