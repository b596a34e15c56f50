package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The resume command printed after Ctrl-C or SIGTERM is one a shell reads back word for word. */
class ResumeHintTest {
  private static ParseResult parse(String... args) {
    return new CommandLine(new HastenCli()).parseArgs(args);
  }

  /** The words bash makes of {@code line}. */
  private static List<String> shellWords(String line) throws IOException, InterruptedException {
    Process bash =
        new ProcessBuilder("bash", "-c", "eval \"set -- $1\"; printf '%s\\n' \"$@\"", "hint", line)
            .redirectErrorStream(true)
            .start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bash.waitFor(), out);
    return out.lines().toList();
  }

  @Test
  void outGivenWithEqualsAndSpacesIsSaidOnceAndQuoted() throws Exception {
    Path out = Path.of("my runs/it's here");
    ParseResult parsed =
        parse(
            "train",
            "FashionBaseline",
            "--out=" + out,
            "--max-steps",
            "8",
            "--data=/d a/x",
            "--no-progress");

    String hint = ResumeHint.command(parsed, out);

    assertEquals(
        "./hasten train FashionBaseline --max-steps 8 --data '/d a/x' --no-progress"
            + " --out 'my runs/it'\\''s here' --resume",
        hint);
    assertEquals(
        List.of(
            "./hasten",
            "train",
            "FashionBaseline",
            "--max-steps",
            "8",
            "--data",
            "/d a/x",
            "--no-progress",
            "--out",
            "my runs/it's here",
            "--resume"),
        shellWords(hint));
  }

  @Test
  void anEarlierResumeAndOutAreNotRepeated() {
    Path out = Path.of("runs/a");
    String hint =
        ResumeHint.command(parse("train", "FashionBaseline", "--resume", "--out", "runs/a"), out);

    assertEquals("./hasten train FashionBaseline --out runs/a --resume", hint);
  }

  @Test
  void theDefaultOutFolderIsAdded() {
    String hint =
        ResumeHint.command(
            parse("train", "FashionBaseline"), Path.of("runs/FashionBaseline-20260101-000000"));

    assertEquals(
        "./hasten train FashionBaseline --out runs/FashionBaseline-20260101-000000 --resume", hint);
  }

  @Test
  void theHiddenParentWatchIsNotPartOfIt() {
    String hint =
        ResumeHint.command(
            parse("train", "FashionBaseline", ParentWatch.FLAG, "--out", "o"), Path.of("o"));

    assertEquals("./hasten train FashionBaseline --out o --resume", hint);
  }

  @Test
  void wordsAShellWouldExpandAreQuoted() {
    assertEquals("'$HOME'", ResumeHint.quote("$HOME"));
    assertEquals("''", ResumeHint.quote(""));
    assertEquals("'a*b'", ResumeHint.quote("a*b"));
    assertEquals("plain/path-1.0", ResumeHint.quote("plain/path-1.0"));
  }
}
