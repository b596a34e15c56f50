package dev.hasten.dsl;

/**
 * The optimizer and schedule of a pipeline that declares none: {@link Sgd} and {@link CosineLr}
 * with their own defaults. The generated module reads them from this class's annotations, as it
 * reads a pipeline's own from the pipeline.
 */
@Sgd
@CosineLr
public final class Defaults {
  private Defaults() {}
}
