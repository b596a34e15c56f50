package dev.hasten.runtime.cli;

import dev.hasten.runtime.RunOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags that choose where and how runs train, shared by the commands that start several runs
 * or a profiled one ({@code frontier}, {@code doctor}); applied to {@link RunOptions}.
 */
final class RunFlags {
  @Option(names = "--data", paramLabel = "DIR", description = "folder with the four Fashion-MNIST IDX .gz files, or an image folder (<class>/<image>) for pipelines that read images")
  Path data;

  @Option(names = "--device", paramLabel = "cpu|gpu", description = "training device (default: a GPU if DJL sees one)")
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
