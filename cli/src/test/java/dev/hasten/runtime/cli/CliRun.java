package dev.hasten.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One command line run in this process, its exit status and what it printed. */
record CliRun(int status, byte[] outBytes, String err) {
  static CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = HastenCli.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Standard output, decoded as UTF-8. */
  String out() {
    return new String(outBytes, StandardCharsets.UTF_8);
  }

  /** Whether it failed as bad input: exit status 2 and one line on stderr. */
  boolean refusedInOneLine() {
    return status == HastenCli.BAD_INPUT && err.strip().lines().count() == 1;
  }
}
