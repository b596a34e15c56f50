package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} works on every command, before or after its arguments. */
class HelpTest {
  private static String[] helpOf(String... args) {
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
    return new String[] {
      Integer.toString(status),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void everyCommandHasHelpAlsoAfterItsArguments() {
    List<List<String>> invocations = new ArrayList<>();
    invocations.add(List.of("--help"));
    new CommandLine(new HastenCli())
        .getSubcommands()
        .forEach(
            (command, line) -> {
              invocations.add(List.of(command, "--help"));
              invocations.add(List.of(command, "-h"));
              if (!line.getCommandSpec().positionalParameters().isEmpty()) {
                invocations.add(List.of(command, "FashionBaseline", "--help"));
              }
            });
    for (List<String> args : invocations) {
      String[] result = helpOf(args.toArray(new String[0]));
      assertEquals("0", result[0], () -> args + ": " + result[2]);
      String usage = "Usage: hasten" + (args.get(0).startsWith("-") ? "" : " " + args.get(0));
      assertTrue(result[1].startsWith(usage), () -> args + " printed:\n" + result[1] + result[2]);
    }
  }
}
