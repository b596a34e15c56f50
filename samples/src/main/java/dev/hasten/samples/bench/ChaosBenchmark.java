package dev.hasten.samples.bench;

import dev.hasten.runtime.checkpoint.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The chaos benchmark: {@code N} cycles, each a whole run of a pipeline in child processes that is
 * interrupted one to three times at random moments, each time by SIGKILL, SIGTERM or Ctrl-C
 * (SIGINT) chosen at random, and resumed with {@code --resume}; in every k-th cycle a second
 * process is started with {@code --resume} on the same folder while the first is training. Each
 * cycle's final weights (every array of the last checkpoint) and metrics.jsonl (without times) must
 * equal those of one uninterrupted run, bit for bit.
 *
 * <p>What each interruption must do: SIGKILL ends the child at once (status 137); Ctrl-C must end
 * it with status 130 after a checkpoint; SIGTERM must end it with status 143 (a build that does not
 * yet checkpoint on SIGTERM makes it a kill, which the resume covers all the same). A second writer
 * must be refused with status 2, before it resumes anything, while the first holds the folder;
 * where it is not (a build without a lock on the run folder), the cycle reports it and usually ends
 * different.
 *
 * <p>{@code ./hasten-bench ChaosBenchmark [cycles=30] [steps=16] [checkpointEvery=3] [seed=1]
 * [secondWriterEvery=3 (0: never)] [dataDir]}: without {@code dataDir} it trains on the first 600
 * training and 200 test images of the embedded subset (4 steps an epoch at batch 128), written to
 * its work folder. Prints one line per cycle and a summary; exits 0 only if every cycle ended
 * identical.
 */
public final class ChaosBenchmark {
  private static final String SUBSET = "dev/hasten/runtime/data/fashion-mnist-subset/";
  private static final String[] FILES = {
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
  };

  /** How a child is interrupted. */
  enum Signal {
    KILL(137),
    TERM(143),
    INT(130);

    final int status;

    Signal(int status) {
      this.status = status;
    }
  }

  private final String pipeline = "FashionBaseline";
  private final long steps;
  private final long checkpointEvery;
  private final Path data;
  private final Path work;
  private final String classPath;
  private final boolean sigintUsable;
  private int secondWriterEvery = 3;

  ChaosBenchmark(long steps, long checkpointEvery, Path data, Path work, String classPath)
      throws IOException {
    this.steps = steps;
    this.checkpointEvery = checkpointEvery;
    this.data = data;
    this.work = work;
    this.classPath = classPath;
    this.sigintUsable = !KillResumeCheck.sigintIgnoredHere();
  }

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 16;
    long every = args.length > 2 ? Long.parseLong(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    int secondWriterEvery = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    Path work = Files.createTempDirectory("hasten-chaos");
    Path data = args.length > 5 ? Path.of(args[5]) : smallData(work.resolve("data"), 600, 200);
    ChaosBenchmark bench =
        new ChaosBenchmark(steps, every, data, work, System.getProperty("java.class.path"));
    bench.secondWriterEvery = secondWriterEvery;
    System.out.println("work folder: " + work);
    System.exit(bench.run(cycles, new Random(seed)) ? 0 : 1);
  }

  /** One interruption as it happened. */
  record Interruption(Signal signal, long afterCheckpoint, int status, boolean finishedFirst) {
    @Override
    public String toString() {
      return finishedFirst
          ? signal + " came after the run had finished"
          : signal + " after checkpoint " + afterCheckpoint + " -> status " + status;
    }
  }

  boolean run(int cycles, Random random) throws Exception {
    if (!sigintUsable) {
      System.out.println(
          "note: SIGINT is ignored by the shell that started this process (cmd &), so children"
              + " cannot be sent Ctrl-C; SIGKILL and SIGTERM only");
    }
    Path reference = work.resolve("reference");
    long started = System.nanoTime();
    requireSuccess(start(reference, false, 0).waitFor(), "the uninterrupted run", reference);
    double referenceSeconds = (System.nanoTime() - started) / 1e9;
    int identical = 0;
    int[] bySignal = new int[Signal.values().length];
    int[] unexpectedStatus = new int[Signal.values().length];
    int secondWriters = 0;
    int secondWritersRefused = 0;
    long chaosStarted = System.nanoTime();
    for (int cycle = 1; cycle <= cycles; cycle++) {
      Path out = work.resolve("cycle-" + cycle);
      int interruptions = 1 + random.nextInt(3);
      boolean secondWriter = secondWriterEvery > 0 && cycle % secondWriterEvery == 0;
      List<String> events = new ArrayList<>();
      boolean resume = false;
      for (int k = 0; k < interruptions; k++) {
        Signal signal = pick(random);
        // A pause inside checkpoint writes now and then, so that some interruptions land mid-write.
        long pause = random.nextInt(4) == 0 ? 200 : 0;
        Process child = start(out, resume, pause);
        long target =
            Math.min(steps - 1, newestStep(out) + 1 + random.nextInt((int) Math.max(1, steps / 2)));
        waitUntil(() -> newestStep(out) >= target || !child.isAlive());
        if (secondWriter && k == 0 && child.isAlive()) {
          secondWriters++;
          Path secondLog = work.resolve(out.getFileName() + "-second.log");
          Process second = start(out, true, 0, secondLog);
          boolean ended = second.waitFor(300, TimeUnit.SECONDS);
          int status = ended ? second.exitValue() : -1;
          // Refused means: before it resumed (and so wrote) anything.
          if (status == 2 && !Files.readString(secondLog).contains("hasten: resuming")) {
            secondWritersRefused++;
            events.add("second writer refused (status 2)");
          } else {
            if (!ended) {
              second.destroyForcibly().waitFor();
            }
            events.add("SECOND WRITER NOT REFUSED (status " + status + ")");
          }
        }
        Thread.sleep(random.nextInt(150)); // land anywhere in a step, or in a write
        long at = newestStep(out);
        boolean finishedFirst = !child.isAlive();
        if (!finishedFirst) {
          send(signal, child);
        }
        int status = child.waitFor();
        Interruption done = new Interruption(signal, at, status, finishedFirst && status == 0);
        if (!done.finishedFirst()) {
          bySignal[signal.ordinal()]++;
          if (status != signal.status) {
            unexpectedStatus[signal.ordinal()]++;
          }
        }
        events.add(done.toString());
        resume = true;
      }
      requireSuccess(start(out, true, 0).waitFor(), "the resumed run of cycle " + cycle, out);
      String difference = KillResumeCheck.compare(reference, out);
      if (difference == null) {
        identical++;
      }
      System.out.printf(
          "cycle %d: %s; %s%n",
          cycle,
          difference == null ? "IDENTICAL" : "DIFFERENT (" + firstLine(difference) + ")",
          events);
    }
    double chaosSeconds = (System.nanoTime() - chaosStarted) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%d of %d cycles identical to the uninterrupted run; interruptions: %d SIGKILL, %d SIGTERM,"
            + " %d Ctrl-C (unexpected exit status: %d, %d, %d); second writers refused: %d of %d;"
            + " %d steps a run, a checkpoint every %d; uninterrupted run %.1f s, chaos %.1f s%n",
        identical,
        cycles,
        bySignal[0],
        bySignal[1],
        bySignal[2],
        unexpectedStatus[0],
        unexpectedStatus[1],
        unexpectedStatus[2],
        secondWritersRefused,
        secondWriters,
        steps,
        checkpointEvery,
        referenceSeconds,
        chaosSeconds);
    return identical == cycles;
  }

  private Signal pick(Random random) {
    Signal[] usable = sigintUsable ? Signal.values() : new Signal[] {Signal.KILL, Signal.TERM};
    return usable[random.nextInt(usable.length)];
  }

  private static void send(Signal signal, Process child) throws Exception {
    if (signal == Signal.KILL) {
      child.destroyForcibly();
    } else {
      new ProcessBuilder("kill", "-" + signal.name(), Long.toString(child.pid())).start().waitFor();
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private Process start(Path out, boolean resume, long writePauseMillis) throws IOException {
    return start(out, resume, writePauseMillis, work.resolve(out.getFileName() + ".log"));
  }

  private Process start(Path out, boolean resume, long writePauseMillis, Path log)
      throws IOException {
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
            "--no-progress",
            "--data",
            data.toString()));
    if (resume) {
      command.add("--resume");
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private void requireSuccess(int status, String what, Path out) throws IOException {
    if (status != 0) {
      List<String> lines = Files.readAllLines(work.resolve(out.getFileName() + ".log"));
      throw new IllegalStateException(
          what
              + " failed with exit status "
              + status
              + "; its output ends:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
  }

  private interface Condition {
    boolean holds() throws IOException;
  }

  private static void waitUntil(Condition condition) throws Exception {
    while (!condition.holds()) {
      Thread.sleep(5);
    }
  }

  private static long newestStep(Path out) {
    List<Path> all = new Checkpoints(out, System.err).list();
    return all.isEmpty() ? -1 : Checkpoints.stepOf(all.get(all.size() - 1)).orElseThrow();
  }

  /**
   * Writes the first {@code train} training and {@code test} test examples of the embedded subset
   * into {@code dir} as the four gzipped IDX files.
   */
  static Path smallData(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    for (String file : FILES) {
      byte[] idx;
      try (InputStream in =
          new GZIPInputStream(
              ChaosBenchmark.class.getClassLoader().getResourceAsStream(SUBSET + file))) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        idx = bytes.toByteArray();
      }
      ByteBuffer header = ByteBuffer.wrap(idx);
      int dimensions = header.getInt(0) & 0xff;
      int keep = Math.min(file.startsWith("train") ? train : test, header.getInt(4));
      long itemSize = 1;
      for (int d = 1; d < dimensions; d++) {
        itemSize *= header.getInt(4 + 4 * d);
      }
      byte[] kept = new byte[Math.toIntExact(4 + 4L * dimensions + keep * itemSize)];
      System.arraycopy(idx, 0, kept, 0, kept.length);
      ByteBuffer.wrap(kept).putInt(4, keep);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(file)))) {
        out.write(kept);
      }
    }
    return dir;
  }
}
