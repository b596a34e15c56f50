package dev.hasten.samples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much memory reading a checkpoint takes: writes a checkpoint of about {@code MiB} mebibytes
 * (one float32 array, the shape of a large model's single weight), then has a fresh JVM read it and
 * report what the reading allocated (heap bytes of the reading thread, and direct buffers), against
 * the bound docs/RELIABILITY.md states, {@code 2F + 13 MiB} for a file of F bytes, and how far its
 * peak resident memory (Linux's VmHWM, reset just before) rose.
 *
 * <p>{@code ./hasten-bench CheckpointReadMemory [MiB=64]}
 */
public final class CheckpointReadMemory {
  private CheckpointReadMemory() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--read")) {
      read(Path.of(args[1]));
      return;
    }
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    Path dir = Files.createTempDirectory("hasten-ckpt-memory");
    Path file = dir.resolve("step-000000001.ckpt");
    try (NDManager manager = NDManager.newBaseManager()) {
      long floats = (mib * (1L << 20) - 4096) / 4;
      NDArray weights = manager.ones(new Shape(floats));
      JsonObject manifest = new JsonObject();
      manifest.addProperty("step", 1);
      CheckpointFile.write(file, new CheckpointFile.Contents(manifest, Map.of("model/w", weights)));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            CheckpointReadMemory.class.getName(),
            "--read",
            file.toString()));
    Process child = new ProcessBuilder(command).inheritIO().start();
    int status = child.waitFor();
    Files.delete(file);
    Files.delete(dir);
    System.exit(status);
  }

  private static void read(Path file) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.zeros(new Shape(1)).close(); // load the engine before measuring
      System.gc();
      // Resets VmHWM to the present resident size (Linux 4.0 and later), so that the peak read
      // afterwards is the reading's own (the JVM may give heap back meanwhile, which nets out).
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      long before = kib("VmRSS");
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean)
              java.lang.management.ManagementFactory.getThreadMXBean();
      long heapBefore = threads.getCurrentThreadAllocatedBytes();
      long directBefore = direct();
      CheckpointFile.Contents contents = CheckpointFile.read(file, manager, Long.MAX_VALUE);
      double heapMib = (threads.getCurrentThreadAllocatedBytes() - heapBefore) / (double) (1 << 20);
      double directMib = (direct() - directBefore) / (double) (1 << 20);
      long peak = kib("VmHWM");
      double fileMib = Files.size(file) / (double) (1 << 20);
      double grown = heapMib + directMib;
      double bound = 2 * fileMib + 13;
      System.out.printf(
          Locale.ROOT,
          "file %.1f MiB (%d arrays): reading allocated %.1f MiB of heap and %.1f MiB of direct"
              + " buffers (the arrays' memory on the CPU), %.1f MiB in all; bound 2F + 13 MiB ="
              + " %.1f MiB: %s. Peak resident memory rose %.1f MiB.%n",
          fileMib,
          contents.arrays().size(),
          heapMib,
          directMib,
          grown,
          bound,
          grown <= bound ? "WITHIN" : "EXCEEDED",
          (peak - before) / 1024.0);
      if (grown > bound) {
        System.exit(1);
      }
    }
  }

  /** Bytes held by direct buffers now. */
  private static long direct() {
    for (java.lang.management.BufferPoolMXBean pool :
        java.lang.management.ManagementFactory.getPlatformMXBeans(
            java.lang.management.BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getMemoryUsed();
      }
    }
    return 0;
  }

  /** A Linux /proc/self/status field in KiB. */
  private static long kib(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no " + field + " in /proc/self/status");
  }
}
