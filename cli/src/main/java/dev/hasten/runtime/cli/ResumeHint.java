package dev.hasten.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command that continues an interrupted run, printed so that it works when pasted into a shell:
 * the same subcommand, pipeline and flags as given, with {@code --out} and {@code --resume} said
 * once each at the end, and every word quoted where the shell would split or expand it.
 *
 * <p>It is rebuilt from what picocli parsed rather than from the raw words, so {@code --out=DIR},
 * {@code --out DIR} and an earlier {@code --resume} are all recognised.
 */
final class ResumeHint {
  /** Words a POSIX shell takes literally, unquoted. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private static final Set<String> REPLACED = Set.of("--out", "--resume");

  private ResumeHint() {}

  /**
   * {@code ./hasten <subcommand> <its arguments> --out DIR --resume}.
   *
   * @param parsed the whole command line as parsed (the root command's result)
   * @param outDir the folder the interrupted run wrote into
   */
  static String command(ParseResult parsed, Path outDir) {
    List<String> words = new ArrayList<>();
    words.add("./hasten");
    ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
      words.add(command.commandSpec().name());
    }
    for (PositionalParamSpec positional : command.matchedPositionals()) {
      words.addAll(positional.originalStringValues());
    }
    for (OptionSpec option : command.matchedOptions()) {
      if (option.hidden() || REPLACED.contains(option.longestName())) {
        continue;
      }
      if (option.arity().max() == 0) {
        words.add(option.longestName());
      } else {
        for (String value : option.originalStringValues()) {
          words.add(option.longestName());
          words.add(value);
        }
      }
    }
    words.add("--out");
    words.add(outDir.toString());
    words.add("--resume");
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add(quote(word));
    }
    return String.join(" ", quoted);
  }

  /** {@code word} as a POSIX shell reads it back: as is if plain, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
