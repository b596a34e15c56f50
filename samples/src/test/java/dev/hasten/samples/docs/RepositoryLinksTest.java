package dev.hasten.samples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every link of the repository's markdown (README.md, docs/, any other) resolves inside the
 * repository: a clone has everything its documents point at, and nothing points outside it.
 */
class RepositoryLinksTest {
  /** The tests run in samples/; the repository is its parent. */
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

  @Test
  void everyLinkOfTheRepositorysMarkdownResolvesInsideIt() throws IOException {
    MarkdownLinks links = new MarkdownLinks(ROOT);
    List<Path> files = links.files();
    assertTrue(files.contains(ROOT.resolve("README.md")), files.toString());
    assertTrue(files.contains(ROOT.resolve("docs/ARCHITECTURE.md")), files.toString());
    assertEquals(List.of(), links.problems(), "broken or outward links");
  }

  @Test
  void theCheckFindsEachKindOfBadLinkAndPassesTheGoodOnes(@TempDir Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(tmp.resolve("NOTES.md"), "# Notes\n");
    Files.writeString(
        repo.resolve("docs/API.md"), "# The contract\n\n## Exit status\n\n## Exit status\n");
    Files.writeString(repo.resolve("docs/plot.png"), "png");
    Files.writeString(
        repo.resolve("README.md"),
        String.join(
            "\n",
            "# Readme",
            "Fine: [API](docs/API.md), [status](docs/API.md#exit-status),",
            "[again](docs/API.md#exit-status-1), ![plot](docs/plot.png \"a plot\"), [top](#readme).",
            "Missing: [gone](docs/GONE.md).",
            "Outside: [up](../NOTES.md) and [web](https://example.org/x).",
            "A bare address: see www.example.org for more.",
            "Absolute: [abs](/docs/API.md). No anchor: [a](docs/API.md#nowhere).",
            "[ref]: http://example.org/ref",
            "In code it is no link: `[x](https://example.org)`.",
            "```",
            "[y](docs/NOPE.md)",
            "```",
            ""));
    List<String> problems = new MarkdownLinks(repo).problems();
    assertEquals(
        List.of(
            "README.md:4: docs/GONE.md: no such file in the repository",
            "README.md:5: ../NOTES.md: points outside the repository",
            "README.md:5: https://example.org/x: points outside the repository",
            "README.md:6: www.example.org: points outside the repository",
            "README.md:7: /docs/API.md: an absolute path points outside the repository; link"
                + " relative to the file",
            "README.md:7: docs/API.md#nowhere: no heading #nowhere in docs/API.md",
            "README.md:8: http://example.org/ref: points outside the repository"),
        problems);
  }

  @Test
  void headingsGetGitHubsAnchors() {
    assertEquals("whats-in-model-folder", MarkdownLinks.slug("What's in `model/` folder"));
    assertEquals("the-doctor", MarkdownLinks.slug("[The doctor](x.md)"));
  }
}
