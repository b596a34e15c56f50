package dev.hasten.runtime.guice;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.ImageFolderOptions;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.report.ProgressDisplay;
import dev.hasten.runtime.report.RunPlots;

/**
 * The runtime's bindings, shared by every pipeline: the run options, the device, the root manager
 * every array of the run lives under, and what pipeline methods receive (models and data sets). A
 * pipeline's generated {@code FooModule} adds its own spec, optimizer and speedups. Progress shows
 * as plain lines and no plots are drawn: the command line ({@code hasten-cli}) overrides both.
 */
public final class HastenModule extends AbstractModule {
  private final RunOptions options;

  public HastenModule(RunOptions options) {
    this.options = options;
  }

  @Override
  protected void configure() {
    bind(RunOptions.class).toInstance(options);
    bind(ProgressDisplay.class).toInstance(ProgressDisplay.PLAIN);
    bind(RunPlots.class).toInstance(RunPlots.NONE);
  }

  @Provides
  @Singleton
  Device device() {
    return selectDevice(options.device());
  }

  /** Picks the device for a choice; a GPU asked for but not visible is a usage error. */
  public static Device selectDevice(RunOptions.DeviceChoice choice) {
    int gpus = Engine.getInstance().getGpuCount();
    switch (choice) {
      case CPU:
        return Device.cpu();
      case GPU:
        if (gpus == 0) {
          throw new InvalidInputException(
              "--device gpu: DJL's PyTorch engine sees no GPU here (is a CUDA libtorch on"
                  + " PYTORCH_LIBRARY_PATH with PYTORCH_FLAVOR set?); use --device cpu");
        }
        return Device.gpu();
      default:
        return gpus > 0 ? Device.gpu() : Device.cpu();
    }
  }

  @Provides
  @Singleton
  NDManager rootManager(Device device) {
    return NDManager.newBaseManager(device);
  }

  @Provides
  @Singleton
  Models models() {
    return new Models();
  }

  @Provides
  @Singleton
  Datasets datasets(NDManager manager, RunSpec spec, ProgressDisplay progress) {
    ImageFolderOptions images =
        ImageFolderOptions.builder()
            .setImageShape(spec.channels(), spec.height(), spec.width())
            .optClasses(spec.classes())
            .optCacheFolder(options.cacheFolder().orElse(null))
            .optProgress(progress)
            .build();
    return new Datasets(
        DataLocation.fromFlag(options.data().orElse(null)),
        manager,
        Datasets.DEFAULT_BATCH_SIZE,
        images);
  }
}
