package dev.hasten.runtime.cli;

import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.doctor.Doctor;
import dev.hasten.runtime.doctor.DoctorReport;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hasten doctor <Pipeline> [--steps N]}: profiles real steps and names the bottleneck. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Profile real training steps of a pipeline: time per part of a step, NDArrays per step and",
      "alive, the bottleneck, and the catalog methods that target it. Writes doctor.json."
    })
final class DoctorCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Parameters(paramLabel = "<PipelineClass>", description = "fully qualified or simple name")
  String pipeline;

  @Option(names = "--steps", paramLabel = "N", description = "steps to profile (default 50)")
  int steps = 50;

  // A fresh process's first steps are not its steady state: on 2 CPU cores the JIT compiles the
  // loop on the cores the step computes on, and the first ~100 steps of FashionFast ran about 30%
  // slower than steps 400-500 of the same run. Profiling them made the doctor's step look slower
  // than a training run's (docs/BENCHMARKS.md, "The doctor").
  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "steps run first and not profiled (default 200)")
  int warmup = 200;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      converter = OutFolder.class,
      description = "output folder (default runs/doctor-<pipeline>-<time>)")
  Path out;

  @Mixin RunFlags flags;

  @Override
  public Integer call() throws IOException {
    ClassLoader loader = DoctorCommand.class.getClassLoader();
    PipelineCatalog catalog = PipelineCatalog.load(loader);
    Class<?> pipelineClass = catalog.resolve(pipeline, loader);
    Path dir =
        out != null
            ? out
            : Paths.get(
                "runs",
                "doctor-"
                    + pipelineClass.getSimpleName()
                    + "-"
                    + LocalDateTime.now().format(STAMP));
    RunOptions options = flags.applyTo(RunOptions.defaults()).withOut(dir);
    DoctorReport report =
        Doctor.examine(
            pipelineClass, options, steps, warmup, MethodsTable.speedups(catalog, loader));
    System.out.println();
    System.out.print(report.table());
    System.out.println("doctor: wrote " + dir.resolve(DoctorReport.FILE_NAME));
    return HastenCli.OK;
  }
}
