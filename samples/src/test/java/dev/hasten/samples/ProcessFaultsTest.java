package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.data.ImageFolderOptions;
import dev.hasten.samples.CliTest.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that take a second process, a signal or a small heap: a second writer on a running run, a
 * killed holder of the lock, SIGTERM, a sweep killed under its child, a gzip bomb, a full heap, an
 * image cache truncated under a streamed run. Each starts {@code hasten} in a JVM of its own.
 */
class ProcessFaultsTest {
  @TempDir static Path tmp;
  static Path data;
  private final List<Process> started = new ArrayList<>();

  /** Grandchildren: once their parent is gone, descendants() no longer finds them. */
  private final List<ProcessHandle> orphans = new ArrayList<>();

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  @AfterEach
  void killLeftovers() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    orphans.forEach(ProcessHandle::destroyForcibly);
  }

  /** {@code hasten <args>} in a fresh JVM with {@code jvmFlags}; stdout and stderr merged. */
  private Process hasten(List<String> jvmFlags, String... args) throws IOException {
    return hasten(jvmFlags, Map.of(), List.of(args));
  }

  /** As {@link #hasten(List, String...)}, with {@code environment} added to the child's. */
  private Process hasten(List<String> jvmFlags, Map<String, String> environment, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(KillAndResumeTest.classPath());
    command.add("dev.hasten.runtime.cli.HastenCli");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process p = builder.start();
    started.add(p);
    return p;
  }

  private static String finish(Process p) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process did not end");
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void waitFor(Path file, Process p) throws InterruptedException {
    while (!Files.exists(file) && p.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), file + " was not written");
  }

  private static List<String> lines(String output) {
    return output.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void aSecondWriterIsRefusedNamingTheHoldersPidAndAKilledHolderBlocksNothing() throws Exception {
    Path out = tmp.resolve("locked");
    Process first =
        hasten(
            List.of(),
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--checkpoint-every",
            "2");
    // The first checkpoint, renamed into place whole: the resume below has it to continue from.
    waitFor(out.resolve("checkpoints").resolve("step-000000002.ckpt"), first);

    Outcome second =
        CliTest.hasten(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--checkpoint-every",
            "2",
            "--resume");

    assertEquals(2, second.status(), second.errLines().toString());
    assertEquals(
        List.of(
            "hasten: --out "
                + out
                + " is in use by another hasten process (PID "
                + first.pid()
                + "); wait for it to end or stop it, then try again"),
        second.errLines());

    first.destroyForcibly().waitFor(); // SIGKILL: run.lock stays, with the dead process's PID
    assertTrue(Files.exists(out.resolve("run.lock")));
    Process resumed =
        hasten(
            List.of(),
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--checkpoint-every",
            "2",
            "--resume");
    java.io.BufferedReader reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(resumed.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    resumed.destroyForcibly().waitFor();
    assertTrue(line != null && line.startsWith("hasten: resuming FashionBaseline from"), line);
  }

  @Test
  void aCacheTruncatedUnderAStreamedRunEndsItWithOneLineAndTheCheckpointResumes() throws Exception {
    Path pngs = tmp.resolve("pngs");
    FashionPngs.write(pngs, tmp.resolve("idx"));
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("truncated");
    List<String> train =
        List.of(
            "train",
            "FolderBaseline",
            "--data",
            pngs.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--checkpoint-every",
            "2",
            "--max-steps",
            "24",
            "--data-memory",
            "1K");
    Process run =
        hasten(List.of(), Map.of(ImageFolderOptions.CACHE_VARIABLE, cache.toString()), train);
    waitFor(out.resolve("checkpoints").resolve("step-000000002.ckpt"), run);
    Path trainCache;
    try (var files = Files.list(cache)) {
      trainCache =
          files
              .filter(f -> f.toString().endsWith(".hcache") && f.toString().contains("-train-"))
              .findFirst()
              .orElseThrow();
    }
    try (FileChannel file = FileChannel.open(trainCache, StandardOpenOption.WRITE)) {
      file.truncate(1000); // the pixels of image 0 and a little of image 1 are left
    }

    String output = finish(run);
    assertEquals(2, run.exitValue(), output);
    String last = lines(output).get(lines(output).size() - 1);
    assertTrue(
        last.startsWith(
            "hasten: cannot read the images of 6000 images of " + pngs.resolve("train")),
        last);
    assertTrue(last.contains("the image cache " + trainCache + " ends before image"), last);
    List<Path> checkpoints = new Checkpoints(out, System.err).list();
    Path newest = checkpoints.get(checkpoints.size() - 1);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      assertTrue(CheckpointFile.read(newest, manager).arrays().size() > 0);
    }

    // The damaged cache is rebuilt, with a warning, and the run continues from its checkpoint.
    List<String> resume = new ArrayList<>(train);
    resume.add("--resume");
    Process resumed =
        hasten(List.of(), Map.of(ImageFolderOptions.CACHE_VARIABLE, cache.toString()), resume);
    String again = finish(resumed);
    assertEquals(0, resumed.exitValue(), again);
    assertTrue(
        again.contains("hasten: warning: the image cache " + trainCache + " is unusable"), again);
    assertTrue(again.contains("hasten: resuming FolderBaseline from " + newest), again);
    assertTrue(again.contains("\"steps\":24") && again.contains("\"data\":\"streamed\""), again);
  }

  @Test
  void sigtermWritesACheckpointAndPrintsAResumeCommandThatWorksWhenPasted() throws Exception {
    // --out=DIR with a space: the hint must say --out once, quoted.
    Path out = tmp.resolve("with space").resolve("run");
    Process run =
        hasten(
            List.of(),
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out=" + out,
            "--no-progress",
            "--max-steps",
            "40");
    waitFor(out.resolve("metrics.jsonl"), run);
    Thread.sleep(300);
    // Not Process.destroy(), which sends SIGTERM but closes the output this test reads.
    new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();

    String output = finish(run);
    assertEquals(143, run.exitValue(), output);
    String last = lines(output).get(lines(output).size() - 1);
    assertTrue(last.startsWith("hasten: interrupted (SIGTERM) after step "), last);
    try (var files = Files.list(out.resolve("checkpoints"))) {
      assertEquals(1, files.count());
    }
    List<String> words =
        shellWords(last.substring(last.indexOf("continue with: ") + "continue with: ".length()));
    assertEquals("./hasten", words.get(0));
    assertEquals(
        List.of(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--no-progress",
            "--max-steps",
            "40",
            "--out",
            out.toString(),
            "--resume"),
        words.subList(1, words.size()));

    Outcome resumed = CliTest.hasten(words.subList(1, words.size()).toArray(new String[0]));
    assertEquals(0, resumed.status(), resumed.errLines().toString());
    assertTrue(resumed.out().contains("\"steps\":40"), resumed.out());
  }

  /** The words bash makes of a pasted command line. */
  private static List<String> shellWords(String line) throws Exception {
    Process bash =
        new ProcessBuilder("bash", "-c", "eval \"set -- $1\"; printf '%s\\n' \"$@\"", "hint", line)
            .start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bash.waitFor());
    return out.lines().toList();
  }

  @Test
  void aSweepKilledWithSigkillTakesItsChildRunDownWithACheckpoint() throws Exception {
    Path sweep = tmp.resolve("orphan");
    Process frontier =
        hasten(
            List.of(),
            "frontier",
            "--baseline",
            "FashionBaseline",
            "--budgets",
            "20",
            "--target",
            "0.5",
            "--data",
            data.toString(),
            "--out",
            sweep.toString());
    Path childRun = sweep.resolve("runs").resolve("FashionBaseline-20ep");
    waitFor(childRun.resolve("metrics.jsonl"), frontier);
    Optional<ProcessHandle> child = frontier.descendants().findFirst();
    assertTrue(child.isPresent(), "the sweep's run has no process");
    orphans.add(child.get());

    frontier.destroyForcibly().waitFor(); // SIGKILL

    // 20 epochs would take minutes: the child stops after its step instead.
    assertTrue(
        child.get().onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).get() != null
            && !child.get().isAlive(),
        "the child run outlived its sweep");
    try (var files = Files.list(childRun.resolve("checkpoints"))) {
      assertEquals(1, files.count(), "the stopped child run left no checkpoint to resume from");
    }
  }

  @Test
  void aGzipBombIsRefusedByItsHeaderBeforeItIsInflated() throws Exception {
    // 2,700,000 images of 28x28 announced, and really there: 2.1 GB of zeros in a 2 MB file. The
    // labels file holds the subset's 6,000 labels.
    Path bombed = SubsetData.copyTo(tmp.resolve("bombed"));
    long announced = 2_700_000L * 28 * 28;
    writeZeroImages(bombed.resolve("train-images-idx3-ubyte.gz"), 2_700_000, announced);
    assertTrue(Files.size(bombed.resolve("train-images-idx3-ubyte.gz")) < 4_000_000);

    Process run =
        hasten(
            List.of("-Xmx256m"),
            "train",
            "FashionBaseline",
            "--data",
            bombed.toString(),
            "--out",
            tmp.resolve("bombed-run").toString(),
            "--no-progress");
    String output = finish(run);

    assertEquals(2, run.exitValue(), output);
    assertEquals(
        List.of(
            "hasten: "
                + bombed.resolve("train-images-idx3-ubyte.gz")
                + " holds 2700000 images but "
                + bombed.resolve("train-labels-idx1-ubyte.gz")
                + " holds 6000 labels; they must be of one split"),
        lines(output));
  }

  @Test
  void aFullHeapIsOneLineNamingTheHeapAndTheFlag() throws Exception {
    // 200,000 images (157 MB) with as many labels: a consistent set too big for a 64 MiB heap.
    Path big = SubsetData.copyTo(tmp.resolve("big"));
    writeZeroImages(big.resolve("train-images-idx3-ubyte.gz"), 200_000, 200_000L * 28 * 28);
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(big.resolve("train-labels-idx1-ubyte.gz")))) {
      gz.write(ByteBuffer.allocate(8).putInt(0x801).putInt(200_000).array());
      gz.write(new byte[200_000]);
    }

    Process run =
        hasten(
            List.of("-Xmx64m"),
            "train",
            "FashionBaseline",
            "--data",
            big.toString(),
            "--out",
            tmp.resolve("big-run").toString(),
            "--no-progress");
    String output = finish(run);

    assertEquals(2, run.exitValue(), output);
    List<String> lines = lines(output);
    assertEquals(1, lines.size(), output);
    assertTrue(
        lines.get(0).startsWith("hasten: out of memory: the Java heap is full at its limit of "),
        output);
    assertTrue(lines.get(0).contains("-Xmx") && lines.get(0).contains("HASTEN_JAVA_OPTS"), output);
  }

  /**
   * An IDX image file of {@code count} images of 28x28 followed by {@code payload} zero bytes, as
   * gzip members (one for the header, then 64 MiB of zeros each), so that gigabytes take seconds to
   * write.
   */
  private static void writeZeroImages(Path file, int count, long payload) throws IOException {
    byte[] header =
        ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(28).putInt(28).array();
    int chunk = 64 << 20;
    byte[] zeros = gzipped(new byte[chunk]);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(gzipped(header));
      long left = payload;
      while (left >= chunk) {
        out.write(zeros);
        left -= chunk;
      }
      out.write(gzipped(new byte[(int) left]));
    }
  }

  private static byte[] gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
