package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The King James Bible (1611; public domain), the built-in corpus for language models.
 *
 * <p>Debian's {@code bible-kjv} package keeps the text in {@code /usr/lib/bible.data}, in its own
 * compressed format with random access, which only its {@code bible} program reads. So the corpus
 * is that program's output: {@code bible -l1000 Gen1:1-Rev22:21}, the whole text with a heading
 * line per chapter and one line per verse, indented and numbered ("{@code 1 In the beginning God
 * created the heaven and the earth.}"), 4,298,239 bytes of ASCII. The explicit line width keeps the
 * text independent of {@code $COLUMNS}: no verse is longer than 532 characters, so none is wrapped.
 * The program takes about 40 ms.
 *
 * <p>Without the program, the corpus is the Book of Genesis embedded in the jar (written by {@code
 * scripts/make-kjv-excerpt.sh} with the same command, so it is the first 204,674 bytes of the full
 * text), with a notice.
 */
public final class KjvCorpus {
  /** The program of Debian's {@code bible-kjv}, looked up on {@code $PATH}. */
  public static final String PROGRAM = "bible";

  /** Its arguments: the whole text, one verse per line. */
  public static final List<String> ARGUMENTS = List.of("-l1000", "Gen1:1-Rev22:21");

  /** The size of the full text that {@link #PROGRAM} prints, in bytes. */
  public static final int FULL_BYTES = 4_298_239;

  static final String EXCERPT_RESOURCE = "/dev/hasten/runtime/text/kjv-genesis.txt";

  static final int EXCERPT_BYTES = 204_674;

  private static final long TIMEOUT_SECONDS = 60;

  /** The King James corpus of this process, loaded once (see {@link #shared}). */
  private static Corpus shared;

  private KjvCorpus() {}

  /**
   * The corpus a run asks for: {@code file} when given (the {@code --data} flag), else the full
   * text from the {@code bible} program if it is installed, else the embedded excerpt.
   *
   * @param file a text file to read instead of the King James Bible, or null
   * @throws InvalidInputException if {@code file} is missing, a folder or empty, or if the
   *     installed {@code bible} program fails
   */
  public static Corpus load(Path file) {
    if (file != null) {
      return Corpus.fromFile(file);
    }
    Path program = onPath(PROGRAM, System.getenv("PATH"));
    return program == null ? excerpt(notInstalled()) : fromProgram(program);
  }

  /**
   * {@link #load load(null)}, once per process: the training and the validation data of a run, and
   * every run of a sweep, share one copy of the text, and the fallback notice is said once, on
   * {@code messages}.
   */
  public static synchronized Corpus shared(java.io.PrintStream messages) {
    if (shared == null) {
      shared = load(null);
      shared.notice().ifPresent(messages::println);
    }
    return shared;
  }

  /** The full text, printed by {@code program} (Debian's {@code bible}) with {@link #ARGUMENTS}. */
  static Corpus fromProgram(Path program) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(ARGUMENTS);
    String shown = PROGRAM + " " + String.join(" ", ARGUMENTS);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new InvalidInputException(shown + " did not start: " + e.getMessage());
    }
    try {
      process.getOutputStream().close();
      byte[] text;
      byte[] errors;
      // The text (4.3 MB) is read before waiting, so that a full pipe cannot stall the program;
      // its stderr is short.
      try (InputStream out = process.getInputStream();
          InputStream err = process.getErrorStream()) {
        text = out.readAllBytes();
        errors = err.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new InvalidInputException(shown + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new InvalidInputException(
            shown
                + " failed with status "
                + process.exitValue()
                + firstLine(errors)
                + " (is bible-kjv-text installed?)");
      }
      if (text.length == 0) {
        throw new InvalidInputException(shown + " printed nothing (is bible-kjv-text installed?)");
      }
      return Corpus.of(text, "the King James Bible (" + shown + ")", null);
    } catch (IOException e) {
      throw new InvalidInputException(shown + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException(shown + " was interrupted");
    } finally {
      process.destroy();
    }
  }

  /** The Book of Genesis embedded in the jar. */
  public static Corpus excerpt(String notice) {
    try (InputStream in = KjvCorpus.class.getResourceAsStream(EXCERPT_RESOURCE)) {
      if (in == null) {
        // Only a broken build gets here: the excerpt is part of the jar.
        throw new InvalidInputException(
            "embedded " + EXCERPT_RESOURCE.substring(1) + " is missing from the Hasten jar");
      }
      return Corpus.of(
          in.readAllBytes(),
          String.format("the embedded Book of Genesis (KJV, %,d bytes)", EXCERPT_BYTES),
          notice);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String notInstalled() {
    return String.format(
        "the King James Bible was not found (no %s program on $PATH); using the embedded Book of"
            + " Genesis, %,d of its %,d bytes (install bible-kjv for the full text)",
        PROGRAM, EXCERPT_BYTES, FULL_BYTES);
  }

  /** The executable {@code name} in the first folder of {@code path} that holds one, or null. */
  static Path onPath(String name, String path) {
    if (path == null) {
      return null;
    }
    for (String folder : path.split(java.io.File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String firstLine(byte[] errors) {
    String text = new String(errors, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "";
    }
    int end = text.indexOf('\n');
    return ": " + (end < 0 ? text : text.substring(0, end)).strip();
  }
}
