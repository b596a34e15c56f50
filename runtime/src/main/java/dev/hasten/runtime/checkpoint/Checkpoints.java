package dev.hasten.runtime.checkpoint;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checkpoint folder of a run, {@code <out>/checkpoints}: files named {@code step-<n>.ckpt} (at
 * least nine digits) by the number of steps taken, the newest few kept. Reading falls back from a
 * damaged newest checkpoint to the previous one, with a warning, so one bad file never costs the
 * whole run.
 *
 * <p>Only names this class writes count: a file whose name does not parse back to the same step
 * (too many digits, other spelling) is not a checkpoint and is ignored. A file with a checkpoint's
 * name whose header does not add up (junk, a truncated copy) is never counted among the kept ones,
 * so it cannot push a good checkpoint out.
 */
public final class Checkpoints {
  public static final String FOLDER = "checkpoints";
  private static final Pattern NAME = Pattern.compile("step-(\\d{9,18})\\.ckpt");

  /** How many checkpoints stay on disk; older ones are deleted after a successful write. */
  static final int KEEP = 3;

  private final Path folder;
  private final PrintStream warnings;

  public Checkpoints(Path outDir, PrintStream warnings) {
    this.folder = outDir.resolve(FOLDER);
    this.warnings = warnings;
  }

  public Path folder() {
    return folder;
  }

  /** The file name of the checkpoint after {@code step} steps. */
  public static String fileName(long step) {
    return String.format("step-%09d.ckpt", step);
  }

  /**
   * Writes the checkpoint after {@code step} steps, then deletes all but the newest {@link #KEEP}
   * well-formed checkpoints at or before it. Files of later steps (left by a run that resumed from
   * an older checkpoint) are neither counted nor deleted: the run writes those steps again.
   */
  public Path save(long step, CheckpointFile.Contents contents) throws IOException {
    Files.createDirectories(folder);
    deleteTemporaries(); // left by a process killed while writing
    Path target = folder.resolve(fileName(step));
    CheckpointFile.write(target, contents);
    List<Path> kept = new ArrayList<>();
    for (Path file : list()) {
      if (stepOf(file).orElseThrow() <= step && wellFormed(file)) {
        kept.add(file);
      }
    }
    for (int i = 0; i < kept.size() - KEEP; i++) {
      Files.deleteIfExists(kept.get(i));
    }
    return target;
  }

  private static boolean wellFormed(Path file) {
    try {
      CheckpointFile.layout(file, Long.MAX_VALUE);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Checks a checkpoint read back; throws to have it skipped. */
  @FunctionalInterface
  public interface Acceptor {
    /**
     * @param file the checkpoint's file, whose name gives its step
     * @throws CorruptCheckpointException if the checkpoint is damaged or of another run
     */
    void accept(Path file, CheckpointFile.Contents contents);
  }

  /**
   * The newest checkpoint that reads back whole within {@code maxBytes} and that {@code accept}
   * accepts, warning about each newer one skipped; empty when there is none. No exception of a bad
   * file escapes: each is a warning naming the file.
   */
  public Optional<Loaded> newestValid(NDManager manager, long maxBytes, Acceptor accept) {
    return newestValid(manager, maxBytes, accept, e -> {});
  }

  /**
   * As {@link #newestValid(NDManager, long, Acceptor)}, telling {@code skipped} of each checkpoint
   * passed over (a {@link ForeignCheckpointException} for one that is whole but not to be used).
   */
  public Optional<Loaded> newestValid(
      NDManager manager,
      long maxBytes,
      Acceptor accept,
      java.util.function.Consumer<CorruptCheckpointException> skipped) {
    List<Path> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path file = all.get(i);
      NDManager scratch = manager.newSubManager();
      try {
        CheckpointFile.Contents contents = CheckpointFile.read(file, scratch, maxBytes);
        accept.accept(file, contents);
        return Optional.of(new Loaded(file, contents, scratch));
      } catch (CorruptCheckpointException e) {
        scratch.close();
        warnings.println("hasten: warning: skipping checkpoint " + e.getMessage());
        skipped.accept(e);
      } catch (IOException | RuntimeException e) {
        scratch.close();
        warnings.println("hasten: warning: skipping checkpoint " + file.getFileName() + ": " + e);
      }
    }
    return Optional.empty();
  }

  /** {@link #newestValid(NDManager, long, Acceptor)} without a size bound or checks. */
  public Optional<Loaded> newestValid(NDManager manager) {
    return newestValid(manager, Integer.MAX_VALUE, (file, contents) -> {});
  }

  private void deleteTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".step-") && name.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * The files named as checkpoints, oldest first; stray temporaries and files whose names do not
   * parse back to a step are not listed.
   */
  public List<Path> list() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> stepOf(p).isPresent() && Files.isRegularFile(p))
          .sorted(Comparator.comparingLong(p -> stepOf(p).orElseThrow()))
          .collect(Collectors.toCollection(ArrayList::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The step a checkpoint's file name gives, if the name is exactly one this class writes. */
  public static OptionalLong stepOf(Path file) {
    String name = file.getFileName().toString();
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long step = Long.parseLong(m.group(1)); // at most 18 digits: always fits
    return fileName(step).equals(name) ? OptionalLong.of(step) : OptionalLong.empty();
  }

  /** A checkpoint read back, its arrays owned by {@link #manager()} until closed. */
  public record Loaded(Path file, CheckpointFile.Contents contents, NDManager manager)
      implements AutoCloseable {
    /** The step its file name gives. */
    public long step() {
      return stepOf(file).orElseThrow();
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
