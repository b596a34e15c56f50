package dev.hasten.runtime;

import ai.djl.ndarray.NDManager;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.hasten.dsl.rules.GeneratedNames;
import dev.hasten.runtime.guice.HastenModule;
import dev.hasten.runtime.loop.PipelineTrainer;
import java.lang.reflect.InvocationTargetException;

/**
 * The entry point for running a pipeline from Java:
 *
 * <pre>{@code RunResult r = Hasten.train(FashionMild.class, RunOptions.defaults());}</pre>
 *
 * <p>It joins the runtime's {@link HastenModule} with the pipeline's generated {@code FooModule} in
 * one Guice injector and runs the generated {@code FooTrainer}.
 */
public final class Hasten {
  private Hasten() {}

  /** Trains {@code pipeline} (a class annotated {@code @Pipeline}) with {@code options}. */
  public static RunResult train(Class<?> pipeline, RunOptions options) {
    return train(pipeline, options, new Module[0]);
  }

  /**
   * As {@link #train(Class, RunOptions)}, with more bindings in the injector, which take the place
   * of the runtime's and the pipeline's own where both bind a key: the doctor adds a {@link
   * dev.hasten.runtime.loop.StepObserver}, the command line its progress bar and plots, and {@code
   * hasten-testing} a small batch in place of the pipeline's data.
   */
  public static RunResult train(Class<?> pipeline, RunOptions options, Module... extraModules) {
    // libtorch reads its thread count once, when the engine loads: set it before anything does.
    options
        .threads()
        .ifPresent(n -> System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n)));
    Injector injector;
    try {
      injector =
          Guice.createInjector(
              Modules.override(new HastenModule(options), generatedModule(pipeline))
                  .with(extraModules));
    } catch (CreationException e) {
      throw unwrap(e);
    }
    try {
      return injector.getInstance(PipelineTrainer.class).fit();
    } catch (ProvisionException | ConfigurationException e) {
      throw unwrap(e);
    } finally {
      closeRootManager(injector);
    }
  }

  private static void closeRootManager(Injector injector) {
    try {
      injector.getInstance(NDManager.class).close();
    } catch (ProvisionException e) {
      // The manager was never created (the device could not be chosen): nothing to free.
    }
  }

  /** The processor's {@code FooModule} for {@code FooPipeline}, found by its fixed name. */
  static Module generatedModule(Class<?> pipeline) {
    String moduleName = GeneratedNames.module(pipeline);
    try {
      Class<?> moduleClass = Class.forName(moduleName, true, pipeline.getClassLoader());
      return (Module) moduleClass.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException(
          pipeline.getName()
              + " has no generated "
              + moduleName
              + ": is it annotated @Pipeline and compiled with hasten-processor?");
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("cannot create " + moduleName + ": " + cause, cause);
    }
  }

  /** Guice wraps what providers throw; a user's input error must reach the caller as itself. */
  private static RuntimeException unwrap(RuntimeException guiceError) {
    for (Throwable t = guiceError; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException) {
        return (InvalidInputException) t;
      }
    }
    return guiceError;
  }
}
