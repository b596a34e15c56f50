package dev.hasten.runtime.text;

/** Bytes {@code [start, end)} of a corpus, contiguous in the text. */
public record Segment(int start, int end) {
  public Segment {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no segment [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }
}
