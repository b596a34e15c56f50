package dev.hasten.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's per-parameter tensors (a momentum buffer; Adam's two moments), keyed by parameter
 * id and allocated lazily on each parameter's device, in one long-lived manager that {@link
 * #close()} frees.
 *
 * <p>For checkpoints the state is named by the parameters' paths in the model ({@code
 * block.getParameters()}), which, unlike ids, are the same in the next process.
 */
final class ParameterStates implements AutoCloseable {
  private final List<String> slots;
  private final Map<String, NDArray[]> byId = new HashMap<>();
  private NDManager manager;

  /**
   * @param slots the names of the tensors kept per parameter, e.g. {@code momentum}
   */
  ParameterStates(String... slots) {
    this.slots = List.of(slots);
  }

  /** The manager state lives in, made on first use on the device of {@code like}. */
  NDManager manager(NDArray like) {
    if (manager == null) {
      manager = NDManager.newBaseManager(like.getDevice());
    }
    return manager;
  }

  /** The manager state lives in, or null while none of {@code parameters} is initialised. */
  NDManager manager(List<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      if (parameter.isInitialized()) {
        return manager(parameter.getArray());
      }
    }
    return manager;
  }

  /** The tensors of a parameter, or null before its first update. */
  NDArray[] get(Parameter parameter) {
    return byId.get(parameter.getId());
  }

  /**
   * Keeps {@code tensors} as the state of {@code parameter}, moving them into the state manager.
   */
  NDArray[] put(Parameter parameter, NDArray... tensors) {
    NDManager owner = manager(tensors[0]);
    for (NDArray tensor : tensors) {
      tensor.attach(owner);
    }
    NDArray[] old = byId.put(parameter.getId(), tensors);
    if (old != null) {
      for (NDArray tensor : old) {
        tensor.close();
      }
    }
    return tensors;
  }

  /**
   * Copies of the state into {@code into}, named {@code <slot>/<parameter path>}; parameters
   * without state yet are left out.
   */
  Map<String, NDArray> save(ParameterList parameters, NDManager into) {
    Map<String, NDArray> saved = new LinkedHashMap<>();
    for (Pair<String, Parameter> named : parameters) {
      NDArray[] tensors = byId.get(named.getValue().getId());
      if (tensors == null) {
        continue;
      }
      for (int i = 0; i < slots.size(); i++) {
        NDArray copy = tensors[i].duplicate();
        copy.attach(into);
        saved.put(slots.get(i) + "/" + named.getKey(), copy);
      }
    }
    return saved;
  }

  /**
   * Replaces the state of every parameter named in {@code saved} with copies on the parameter's
   * device; returns how many parameters got state.
   */
  int load(ParameterList parameters, Map<String, NDArray> saved) {
    int loaded = 0;
    for (Pair<String, Parameter> named : parameters) {
      Parameter parameter = named.getValue();
      if (!saved.containsKey(slots.get(0) + "/" + named.getKey())) {
        continue;
      }
      NDArray like = parameter.getArray();
      NDArray[] tensors = new NDArray[slots.size()];
      for (int i = 0; i < slots.size(); i++) {
        String key = slots.get(i) + "/" + named.getKey();
        NDArray value = saved.get(key);
        if (value == null) {
          throw new IllegalArgumentException("optimizer state has no " + key);
        }
        NDArray copy = value.toDevice(like.getDevice(), true); // always a fresh copy
        if (copy.getDataType() != like.getDataType()) {
          NDArray cast = copy.toType(like.getDataType(), false);
          copy.close();
          copy = cast;
        }
        tensors[i] = copy;
      }
      put(parameter, tensors);
      loaded++;
    }
    return loaded;
  }

  /**
   * Checks that {@link #save} could have written {@code saved} (keys other than the slots' are
   * refused unless they start with one of {@code otherPrefixes}); returns the names of the
   * parameters that have state.
   *
   * @throws IllegalArgumentException naming the first key or tensor that does not fit
   */
  java.util.Set<String> check(
      ParameterList parameters, Map<String, NDArray> saved, String... otherPrefixes) {
    java.util.Set<String> withState = new java.util.TreeSet<>();
    for (String key : saved.keySet()) {
      if (java.util.Arrays.stream(otherPrefixes).anyMatch(key::startsWith)) {
        continue;
      }
      int slash = key.indexOf('/');
      String slot = slash < 0 ? key : key.substring(0, slash);
      String name = slash < 0 ? "" : key.substring(slash + 1);
      if (!slots.contains(slot) || !parameters.contains(name)) {
        throw new IllegalArgumentException(
            "optimizer state " + key + " belongs to no parameter of the model");
      }
      withState.add(name);
    }
    for (String name : withState) {
      NDArray like = parameters.get(name).getArray();
      for (String slot : slots) {
        NDArray value = saved.get(slot + "/" + name);
        if (value == null) {
          throw new IllegalArgumentException("optimizer state has no " + slot + "/" + name);
        }
        if (!value.getShape().equals(like.getShape())
            || value.getDataType() != like.getDataType()) {
          throw new IllegalArgumentException(
              "optimizer state "
                  + slot
                  + "/"
                  + name
                  + " is "
                  + value.getDataType()
                  + " "
                  + value.getShape()
                  + ", its parameter "
                  + like.getDataType()
                  + " "
                  + like.getShape());
        }
      }
    }
    return withState;
  }

  @Override
  public void close() {
    byId.clear();
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
