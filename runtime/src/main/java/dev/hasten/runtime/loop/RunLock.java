package dev.hasten.runtime.loop;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run folder: an exclusive lock on {@code <out>/run.lock}, held from the moment the
 * folder is opened until the run is closed, so that a second process (a {@code --resume} started
 * while the run still trains, say) cannot interleave its lines with the run's in metrics.jsonl or
 * its checkpoints with the run's. The file holds the holder's process id, which the refusal names.
 *
 * <p>The lock is the operating system's ({@link FileChannel#tryLock()}), not the file's existence:
 * it goes with the process that held it, however that process ended, so a lock file left by a
 * killed run never blocks its resume. The file itself is left in place; deleting it on close could
 * let two later processes lock two different files of the same name.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in the run folder. */
  public static final String FILE_NAME = "run.lock";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, which must exist, for this process.
   *
   * @throws InvalidInputException if another process holds it: {@code --out DIR is in use by
   *     another hasten process (PID 1234); …}
   */
  public static RunLock acquire(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InvalidInputException("cannot create " + file + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new InvalidInputException(
            "--out "
                + dir
                + " is in use by another hasten process ("
                + holder(file)
                + "); wait for it to end or stop it, then try again");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new RunLock(dir, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new InvalidInputException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Null when another process, or another run of this one, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  /** "PID 1234", from what the holder wrote; a holder may not have written it yet. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (pid.matches("\\d{1,19}")) {
        return "PID " + pid;
      }
    } catch (IOException e) {
      // Fall through: the refusal stands without the number.
    }
    return "its PID is not written yet";
  }

  /** The locked run folder. */
  public Path dir() {
    return dir;
  }

  /** Releases the lock; the file stays. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written through it that a failed close could lose.
    }
  }
}
