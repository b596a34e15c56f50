package dev.hasten.samples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The links of a repository's markdown files, checked: each must point at a file or folder inside
 * the repository that exists, and an anchor ({@code FILE.md#part}) at a heading of that file. A
 * link with a scheme ({@code https:}, {@code mailto:}, …), a bare web address and an absolute path
 * all point outside. Text in code blocks and code spans is not a link.
 */
final class MarkdownLinks {
  /** {@code [text](target)} and {@code ![alt](target "title")}. */
  private static final Pattern INLINE =
      Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code [label]: target}. */
  private static final Pattern REFERENCE =
      Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

  /** {@code <https://…>}. */
  private static final Pattern AUTOLINK = Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\\s]*)>");

  /** A web address written out, which renderers turn into a link. */
  private static final Pattern BARE = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)\\S+");

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The markdown files under the root, leaving out build output ({@code target/}), run folders
   * ({@code runs/}) and hidden folders.
   */
  List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .filter(p -> !skipped(root.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative.getParent() == null ? List.<Path>of() : relative.getParent()) {
      String name = part.toString();
      if (name.equals("target") || name.equals("runs") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Every broken or outward link of every markdown file, as {@code file:line: target: why}. */
  List<String> problems() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files()) {
      problems.addAll(problems(file));
    }
    return problems;
  }

  /** The broken or outward links of one file. */
  List<String> problems(Path file) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    boolean inFence = false;
    String fence = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (!inFence && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
        inFence = true;
        fence = trimmed.substring(0, 3);
        continue;
      }
      if (inFence) {
        inFence = !trimmed.startsWith(fence);
        continue;
      }
      String text = CODE_SPAN.matcher(line).replaceAll("");
      String where = root.relativize(file) + ":" + (i + 1) + ": ";
      for (String target : targets(text)) {
        String why = check(file, target);
        if (why != null) {
          problems.add(where + target + ": " + why);
        }
      }
    }
    return problems;
  }

  private static List<String> targets(String text) {
    List<String> targets = new ArrayList<>();
    for (Pattern p : List.of(INLINE, REFERENCE, AUTOLINK)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    String rest = text;
    for (Pattern p : List.of(INLINE, REFERENCE, AUTOLINK)) {
      rest = p.matcher(rest).replaceAll("");
    }
    Matcher bare = BARE.matcher(rest);
    while (bare.find()) {
      targets.add(bare.group());
    }
    return targets;
  }

  /** Why {@code target}, linked from {@code file}, is wrong; null when it is fine. */
  private String check(Path file, String target) throws IOException {
    if (target.isEmpty()) {
      return "an empty link";
    }
    if (SCHEME.matcher(target).find() || target.toLowerCase(Locale.ROOT).startsWith("www.")) {
      return "points outside the repository";
    }
    if (target.startsWith("/")) {
      return "an absolute path points outside the repository; link relative to the file";
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved =
        pathPart.isEmpty() ? file : file.getParent().resolve(decode(pathPart)).normalize();
    if (!resolved.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file in the repository";
    }
    if (anchor != null
        && resolved.toString().endsWith(".md")
        && !anchors(resolved).contains(anchor)) {
      return "no heading #" + anchor + " in " + root.relativize(resolved);
    }
    return null;
  }

  private static String decode(String path) {
    return path.replace("%20", " ");
  }

  private Set<String> anchors(Path markdown) throws IOException {
    Set<String> found = anchors.get(markdown);
    if (found == null) {
      found = headingAnchors(Files.readAllLines(markdown));
      anchors.put(markdown, found);
    }
    return found;
  }

  /** The anchors a renderer gives the headings, as GitHub's: a repeated one gets -1, -2, … */
  static Set<String> headingAnchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        inFence = !inFence;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (inFence || !m.matches()) {
        continue;
      }
      String slug = slug(m.group(1));
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }

  /**
   * GitHub's heading anchor: link text kept, lower case, punctuation dropped, spaces as hyphens.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              } else if (c == ' ') {
                slug.append('-');
              }
            });
    return slug.toString();
  }
}
