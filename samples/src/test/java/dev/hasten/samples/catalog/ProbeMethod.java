package dev.hasten.samples.catalog;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime half of {@link Probe}: at FIT_START it keeps the (surgically changed) model and the
 * training split's size; after every step, the step's input shape, its first image, a hash of every
 * parameter's values, and which stochastic-depth branches ran. Runs are found by pipeline name
 * through {@link #of(String)}.
 */
public final class ProbeMethod implements FitStartHook, AfterStepHook {
  private static final Map<String, ProbeMethod> RUNS = new ConcurrentHashMap<>();

  Block model;
  long trainExamples;
  long stepsPerEpoch;
  final List<long[]> inputShapes = new ArrayList<>();
  final List<float[]> firstImages = new ArrayList<>();
  final List<Map<String, Integer>> parameterHashes = new ArrayList<>();

  /** Per step, whether each stochastic-depth branch ran (empty without stochastic depth). */
  final List<boolean[]> branchesKept = new ArrayList<>();

  private final List<StochasticBranch> branches = new ArrayList<>();

  public ProbeMethod() {}

  /** The probe of the last run of the pipeline with this simple name. */
  static ProbeMethod of(String pipeline) {
    ProbeMethod probe = RUNS.get(pipeline);
    if (probe == null) {
      throw new AssertionError("no probed run of " + pipeline);
    }
    return probe;
  }

  @Override
  public void onFitStart(Run run) {
    RUNS.put(run.spec().simpleName(), this);
    model = run.model();
    trainExamples = run.trainData().size();
    stepsPerEpoch = run.stepsPerEpoch();
    branches.clear();
    branches.addAll(find(model, StochasticBranch.class));
  }

  @Override
  public void afterStep(Step step) {
    NDArray inputs = step.inputs();
    inputShapes.add(inputs.getShape().getShape());
    firstImages.add(inputs.get(new NDIndex("0, 0")).toFloatArray());
    Map<String, Integer> hashes = new LinkedHashMap<>();
    for (Pair<String, Parameter> entry : step.model().getParameters()) {
      hashes.put(entry.getKey(), Arrays.hashCode(entry.getValue().getArray().toFloatArray()));
    }
    parameterHashes.add(hashes);
    boolean[] kept = new boolean[branches.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = branches.get(i).state().kept();
    }
    branchesKept.add(kept);
  }

  /** Every block of {@code type} in the tree, depth first. */
  static <T> List<T> find(Block block, Class<T> type) {
    List<T> found = new ArrayList<>();
    if (type.isInstance(block)) {
      found.add(type.cast(block));
    }
    for (Block child : block.getChildren().values()) {
      found.addAll(find(child, type));
    }
    return found;
  }
}
