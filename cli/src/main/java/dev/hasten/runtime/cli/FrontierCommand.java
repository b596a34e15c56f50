package dev.hasten.runtime.cli;

import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.frontier.ChildProcessTrainer;
import dev.hasten.runtime.frontier.FrontierReport;
import dev.hasten.runtime.frontier.FrontierRun;
import dev.hasten.runtime.frontier.FrontierSweep;
import dev.hasten.runtime.frontier.FrontierTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hasten frontier <Pipeline>... --baseline B --budgets 1,2,4 (--target 0.92 | --target-loss
 * 1.5) [--out DIR]}: trains the baseline at each budget and each pipeline at its own epochs, then
 * writes the frontier's table, CSV and plot (see {@link FrontierReport}). Run it again with the
 * same {@code --out} to resume.
 */
@Command(
    name = "frontier",
    mixinStandardHelpOptions = true,
    description = {
      "Train a baseline at several epoch budgets and judge pipelines against its Pareto frontier",
      "(time to a target test accuracy, or to a target test loss for language models; training",
      "time excludes evaluation). Give exactly one of --target and --target-loss."
    })
final class FrontierCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Parameters(paramLabel = "<Pipeline>", arity = "0..*", description = "pipelines to judge")
  List<String> pipelines = new ArrayList<>();

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "<Pipeline>",
      description = "the pipeline whose budgets make the frontier")
  String baseline;

  @Option(
      names = "--budgets",
      split = ",",
      paramLabel = "E,E,...",
      description = "the baseline's epoch budgets (default 1,2,4,8,16)")
  List<Integer> budgets = List.of(1, 2, 4, 8, 16);

  @Option(
      names = "--target",
      paramLabel = "ACC",
      description = "the target test accuracy, e.g. 0.92")
  Double target;

  @Option(
      names = "--target-loss",
      paramLabel = "NATS",
      description =
          "the target test loss, mean validation nats per token (lower is better), e.g. 1.5")
  Double targetLoss;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      converter = OutFolder.class,
      description = "output folder (default runs/frontier-<time>); give an existing one to resume")
  Path out;

  @Mixin RunFlags flags;

  @Override
  public Integer call() throws IOException {
    FrontierTarget goal = target();
    ClassLoader loader = FrontierCommand.class.getClassLoader();
    PipelineCatalog catalog = PipelineCatalog.load(loader);
    Class<?> baselineClass = catalog.resolve(baseline, loader);
    List<Class<?>> judged = new ArrayList<>();
    for (String name : pipelines) {
      judged.add(catalog.resolve(name, loader));
    }
    Path dir =
        out != null ? out : Paths.get("runs", "frontier-" + LocalDateTime.now().format(STAMP));
    RunOptions base = flags.applyTo(RunOptions.defaults());
    FrontierSweep sweep =
        FrontierSweep.plan(
            baselineClass,
            budgets,
            judged,
            dir,
            base,
            new ChildProcessTrainer(HastenCli.class.getName()),
            System.err);
    List<FrontierRun> runs = sweep.run();
    FrontierReport report = new FrontierReport(runs, goal);
    report.write(dir);
    System.out.println();
    System.out.print(report.markdown());
    System.out.println();
    System.out.println(
        "frontier: wrote "
            + dir.resolve(FrontierReport.CSV)
            + ", "
            + dir.resolve(FrontierReport.MARKDOWN)
            + ", "
            + dir.resolve(FrontierReport.PLOT));
    return HastenCli.OK;
  }

  /** The one target given, checked before anything is trained. */
  private FrontierTarget target() {
    if (target != null && targetLoss != null) {
      throw new InvalidInputException(
          "give one target, --target (a test accuracy) or --target-loss (a test loss), not both");
    }
    if (target == null && targetLoss == null) {
      throw new InvalidInputException(
          "frontier needs a target: --target ACC (a test accuracy, e.g. 0.92) or --target-loss"
              + " NATS (a test loss in nats per token, e.g. 1.5)");
    }
    if (targetLoss != null) {
      if (!(targetLoss > 0 && targetLoss < Double.POSITIVE_INFINITY)) {
        throw new InvalidInputException(
            "--target-loss must be a loss in nats per token above 0, got " + targetLoss);
      }
      return FrontierTarget.loss(targetLoss);
    }
    if (!(target > 0 && target <= 1)) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "--target must be an accuracy in (0, 1], got %s%s",
              target,
              target > 1 && target <= 100
                  ? " (write " + target / 100 + " for " + target + "%)"
                  : ""));
    }
    return FrontierTarget.accuracy(target);
  }
}
