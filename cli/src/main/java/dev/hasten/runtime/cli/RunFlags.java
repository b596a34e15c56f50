package dev.hasten.runtime.cli;

import dev.hasten.runtime.RunOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags that choose where and how runs train, shared by the commands that start several runs or
 * a profiled one ({@code frontier}, {@code doctor}); applied to {@link RunOptions}.
 */
final class RunFlags {
  static final String DATA_MEMORY =
      "memory an image folder's splits may take resident, e.g. 512M or 4G; larger splits are"
          + " streamed from their caches (default: a quarter of physical memory)";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "folder with the four Fashion-MNIST IDX .gz files, or an image folder (<class>/<image>)"
              + " for pipelines that read images; refused for a language model, whose data"
              + " methods choose its text")
  Path data;

  @Option(names = "--data-memory", paramLabel = "SIZE", description = DATA_MEMORY)
  String dataMemory;

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu",
      description = "training device (default: a GPU if DJL sees one)")
  String device;

  @Option(names = "--seed", paramLabel = "N", description = "override the pipelines' seed")
  Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads")
  Integer threads;

  RunOptions applyTo(RunOptions options) {
    RunOptions o = options;
    if (data != null) {
      o = o.withData(data);
    }
    if (dataMemory != null) {
      o = o.withDataMemory(RunOptions.parseDataMemory(dataMemory));
    }
    if (device != null) {
      o = o.withDevice(RunOptions.DeviceChoice.parse(device));
    }
    if (seed != null) {
      o = o.withSeed(seed);
    }
    if (threads != null) {
      o = o.withThreads(threads);
    }
    return o;
  }
}
