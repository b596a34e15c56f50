package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

/**
 * The engine's gradient collector with the backward pass marked for a {@link StepObserver}: the
 * generated loop calls {@code backward} on what {@link Run#newGradientCollector()} returns, so this
 * is where backward's boundaries are. Only used while a run is observed.
 */
final class ObservedGradientCollector implements GradientCollector {
  private final GradientCollector collector;
  private final StepObserver observer;
  private final Run run;

  ObservedGradientCollector(GradientCollector collector, StepObserver observer, Run run) {
    this.collector = collector;
    this.observer = observer;
    this.run = run;
  }

  @Override
  public void backward(NDArray target) {
    observer.at(StepObserver.Boundary.BACKWARD_START, run, null);
    collector.backward(target);
    observer.at(StepObserver.Boundary.BACKWARD_END, run, null);
  }

  @Override
  public void zeroGradients() {
    collector.zeroGradients();
  }

  @Override
  public void close() {
    collector.close();
  }
}
