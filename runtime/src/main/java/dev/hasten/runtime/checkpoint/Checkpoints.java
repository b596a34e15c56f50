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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checkpoint folder of a run, {@code <out>/checkpoints}: files named {@code step-<n>.ckpt}
 * by the number of steps taken, the newest few kept. Reading falls back from a damaged newest
 * checkpoint to the previous one, with a warning, so one bad file never costs the whole run.
 */
public final class Checkpoints {
  public static final String FOLDER = "checkpoints";
  private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");

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

  /** Writes the checkpoint after {@code step} steps, then prunes old ones. */
  public Path save(long step, CheckpointFile.Contents contents) throws IOException {
    Files.createDirectories(folder);
    deleteTemporaries(); // left by a process killed while writing
    Path target = folder.resolve(String.format("step-%09d.ckpt", step));
    CheckpointFile.write(target, contents);
    List<Path> all = list();
    for (int i = 0; i < all.size() - KEEP; i++) {
      Files.deleteIfExists(all.get(i));
    }
    return target;
  }

  /**
   * The newest checkpoint that reads back whole and that {@code accept} accepts, warning about
   * each newer one skipped; empty when there is none.
   *
   * @param accept given each checkpoint's file and contents, throws {@link
   *     CorruptCheckpointException} for a checkpoint of another pipeline
   */
  public Optional<Loaded> newestValid(
      NDManager manager, java.util.function.BiConsumer<Path, CheckpointFile.Contents> accept) {
    List<Path> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path file = all.get(i);
      NDManager scratch = manager.newSubManager();
      try {
        CheckpointFile.Contents contents = CheckpointFile.read(file, scratch);
        accept.accept(file, contents);
        return Optional.of(new Loaded(file, contents, scratch));
      } catch (CorruptCheckpointException e) {
        scratch.close();
        warnings.println("hasten: warning: skipping checkpoint " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        scratch.close();
        warnings.println(
            "hasten: warning: skipping checkpoint " + file.getFileName() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private void deleteTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The checkpoint files, oldest first; stray temporary files are not listed. */
  public List<Path> list() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(Checkpoints::stepOf))
          .collect(Collectors.toCollection(ArrayList::new));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  static long stepOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** A checkpoint read back, its arrays owned by {@link #manager()} until closed. */
  public record Loaded(Path file, CheckpointFile.Contents contents, NDManager manager)
      implements AutoCloseable {
    @Override
    public void close() {
      manager.close();
    }
  }
}
