package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock within one process; a second process and a killed holder are tested end to end in the
 * samples' FaultsTest.
 */
class RunLockTest {
  @TempDir Path dir;

  @Test
  void aHeldFolderIsRefusedNamingTheHolder() {
    long pid = ProcessHandle.current().pid();
    try (RunLock held = RunLock.acquire(dir)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> RunLock.acquire(dir));
      assertEquals(
          "--out "
              + dir
              + " is in use by another hasten process (PID "
              + pid
              + "); wait for it to end or stop it, then try again",
          e.getMessage());
    }
  }

  @Test
  void aReleasedFolderCanBeTakenAgain() throws IOException {
    RunLock.acquire(dir).close();
    try (RunLock again = RunLock.acquire(dir)) {
      assertEquals(
          ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(RunLock.FILE_NAME)));
    }
  }

  @Test
  void aLockFileLeftBehindDoesNotBlock() throws IOException {
    // What a killed run leaves: the file with its PID, but no lock (the OS dropped it).
    Files.writeString(dir.resolve(RunLock.FILE_NAME), "999999999\n");
    try (RunLock taken = RunLock.acquire(dir)) {
      assertEquals(
          ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(RunLock.FILE_NAME)));
    }
  }
}
