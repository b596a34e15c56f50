package dev.hasten.samples.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kill test: trains a pipeline in a child process, kills it with SIGKILL at random (or chosen)
 * steps (one kill lands in the middle of a checkpoint write), resumes it each time with {@code
 * --resume}, and compares the final weights and metrics.jsonl with an uninterrupted run of the same
 * seed. Exact equality is required: on the CPU a resumed run must be bit-identical.
 *
 * <p>{@code ./hasten-bench KillResumeCheck <Pipeline> <steps> <kills> [dataDir]} runs the long
 * version; the test suite runs a short one on the embedded subset.
 */
public final class KillResumeCheck {
  /** In {@link #killAt}: a kill in the middle of the next checkpoint write. */
  public static final long DURING_WRITE = -1;

  private final String pipeline;
  private final long steps;
  private final long checkpointEvery;
  private final Path data;
  private final Path work;
  private final String classPath;
  private final List<String> flags = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();

  /**
   * @param classPath the class path of the child processes (the samples and everything they need)
   */
  public KillResumeCheck(
      String pipeline, long steps, long checkpointEvery, Path data, Path work, String classPath) {
    this.classPath = classPath;
    this.pipeline = pipeline;
    this.steps = steps;
    this.checkpointEvery = checkpointEvery;
    this.data = data;
    this.work = work;
  }

  /**
   * Also gives every run {@code moreFlags} (e.g. {@code --data-memory 1K} for the streamed path)
   * and the environment variable {@code variable} (e.g. the image cache folder); returns this.
   */
  public KillResumeCheck with(String variable, String value, String... moreFlags) {
    environment.put(variable, value);
    flags.addAll(List.of(moreFlags));
    return this;
  }

  public static void main(String[] args) throws Exception {
    String pipeline = args.length > 0 ? args[0] : "FashionBaseline";
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 400;
    int kills = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    Path data = args.length > 3 ? Path.of(args[3]) : null;
    Path work = Files.createTempDirectory("hasten-kill");
    KillResumeCheck check =
        new KillResumeCheck(
            pipeline,
            steps,
            Math.max(1, steps / 20),
            data,
            work,
            System.getProperty("java.class.path"));
    Outcome outcome = check.run(kills, new Random(7));
    System.out.println(outcome);
    System.exit(outcome.identical() ? 0 : 1);
  }

  /** What a check found. */
  public record Outcome(List<String> kills, boolean identical, String difference) {
    @Override
    public String toString() {
      return (identical ? "IDENTICAL" : "DIFFERENT: " + difference) + " after kills " + kills;
    }
  }

  /**
   * Runs the reference, then the killed-and-resumed run, and compares them. The kills come after
   * random steps, but the middle one comes during a checkpoint write.
   */
  public Outcome run(int kills, Random random) throws Exception {
    Path resumed = work.resolve("resumed");
    return run(
        kills,
        k ->
            k == kills / 2
                ? DURING_WRITE
                : Math.min(
                    newestStep(resumed) + 1 + random.nextInt((int) Math.max(1, steps / kills)),
                    steps - 1));
  }

  /**
   * Runs the reference, then a run killed at the given points, each the step whose checkpoint must
   * be written before the kill (the first checkpoint at or after it), or {@link #DURING_WRITE}; and
   * compares them. Chosen points let a test resume where a method's state matters.
   */
  public Outcome killAt(long... points) throws Exception {
    return run(points.length, k -> points[k]);
  }

  /** {@code points} gives where the k-th kill comes: a step, or {@link #DURING_WRITE}. */
  private Outcome run(int kills, IntToLongFunction points) throws Exception {
    Path reference = work.resolve("reference");
    Path resumed = work.resolve("resumed");
    requireSuccess(start(reference, false, 0).waitFor(), "the uninterrupted run", reference);
    List<String> done = new ArrayList<>();
    boolean resume = false;
    for (int k = 0; k < kills; k++) {
      long point = points.applyAsLong(k);
      boolean duringWrite = point == DURING_WRITE;
      Process child = start(resumed, resume, duringWrite ? 4000 : 0);
      if (duringWrite) {
        waitFor(() -> temporaryCheckpoint(resumed) != null, child, resumed);
        done.add("during the write of " + temporaryCheckpoint(resumed).getFileName());
      } else {
        waitFor(() -> newestStep(resumed) >= point, child, resumed);
        done.add("after step " + newestStep(resumed));
      }
      child.destroyForcibly().waitFor(); // SIGKILL
      resume = true;
    }
    requireSuccess(start(resumed, resume, 0).waitFor(), "the resumed run", resumed);
    String difference = compare(reference, resumed);
    return new Outcome(done, difference == null, difference);
  }

  private Process start(Path out, boolean resume, long writePauseMillis) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    if (writePauseMillis > 0) {
      command.add("-Dhasten.checkpoint.writePauseMillis=" + writePauseMillis);
    }
    command.addAll(List.of("-cp", classPath, "dev.hasten.runtime.cli.HastenCli"));
    command.addAll(
        List.of(
            "train",
            pipeline,
            "--out",
            out.toString(),
            "--max-steps",
            Long.toString(steps),
            "--checkpoint-every",
            Long.toString(checkpointEvery),
            "--no-progress"));
    if (data != null) {
      command.addAll(List.of("--data", data.toString()));
    }
    command.addAll(flags);
    if (resume) {
      command.add("--resume");
    }
    Files.createDirectories(work);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(out).toFile()))
        .start();
  }

  /** The output of every child that trained into {@code out}, one after another. */
  private Path log(Path out) {
    return work.resolve(out.getFileName() + ".log");
  }

  /** The last lines of the children's output into {@code out}: why a child failed. */
  private String logTail(Path out) {
    try {
      List<String> lines = Files.readAllLines(log(out));
      List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return "; its output ends:\n" + String.join("\n", last);
    } catch (IOException e) {
      return "; its output cannot be read: " + e.getMessage();
    }
  }

  private void requireSuccess(int status, String what, Path out) {
    if (status != 0) {
      throw new IllegalStateException(what + " failed with exit status " + status + logTail(out));
    }
  }

  private interface Condition {
    boolean holds() throws IOException;
  }

  private void waitFor(Condition condition, Process child, Path out) throws Exception {
    while (!condition.holds()) {
      if (!child.isAlive()) {
        throw new IllegalStateException(
            "the run ended (status "
                + child.exitValue()
                + ") before it could be killed"
                + logTail(out));
      }
      Thread.sleep(5);
    }
  }

  private static long newestStep(Path out) {
    List<Path> all = new Checkpoints(out, System.err).list();
    return all.isEmpty()
        ? -1
        : Long.parseLong(all.get(all.size() - 1).getFileName().toString().replaceAll("\\D", ""));
  }

  private static Path temporaryCheckpoint(Path out) throws IOException {
    Path folder = out.resolve(Checkpoints.FOLDER);
    if (!Files.isDirectory(folder)) {
      return null;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".tmp"))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * Null when the final weights and the metrics (without times) are the same, else what differs.
   */
  /**
   * Null if the two runs' metrics.jsonl (times aside) and final checkpoints' arrays (weights,
   * optimizer and speedup state) are equal bit for bit, else what differs.
   */
  public static String compare(Path reference, Path resumed) throws IOException {
    List<String> a = metricsWithoutTimes(reference);
    List<String> b = metricsWithoutTimes(resumed);
    if (!a.equals(b)) {
      return "metrics.jsonl differs:\n" + String.join("\n", a) + "\nvs\n" + String.join("\n", b);
    }
    List<Path> ra = new Checkpoints(reference, System.err).list();
    List<Path> rb = new Checkpoints(resumed, System.err).list();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Map<String, NDArray> wa = CheckpointFile.read(ra.get(ra.size() - 1), manager).arrays();
      Map<String, NDArray> wb = CheckpointFile.read(rb.get(rb.size() - 1), manager).arrays();
      if (!wa.keySet().equals(wb.keySet())) {
        return "the final checkpoints hold different arrays";
      }
      for (String name : wa.keySet()) {
        if (!wa.get(name).contentEquals(wb.get(name))) {
          return "final " + name + " differs";
        }
      }
    }
    return null;
  }

  private static List<String> metricsWithoutTimes(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll("\"time_s\":[0-9.eE+-]+,?", ""))
        .collect(Collectors.toList());
  }

  /**
   * Whether this JVM was started with SIGINT ignored, as a shell without job control starts
   * background commands ({@code cmd &} in a script). The child inherits that, and a JVM leaves an
   * ignored SIGINT ignored, so Ctrl-C cannot be tested from such a shell: read Linux's {@code
   * SigIgn} mask (bit 1 is signal 2, SIGINT).
   */
  public static boolean sigintIgnoredHere() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
      }
    }
    return false;
  }
}
