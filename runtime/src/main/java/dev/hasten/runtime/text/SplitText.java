package dev.hasten.runtime.text;

import java.util.List;

/**
 * A corpus split by a {@link CorpusSplit}: its training and its validation text, each a list of
 * contiguous segments in text order. Adjacent held-out blocks stay separate segments.
 */
public final class SplitText {
  private final Corpus corpus;
  private final List<Segment> train;
  private final List<Segment> validation;

  SplitText(Corpus corpus, List<Segment> train, List<Segment> validation) {
    this.corpus = corpus;
    this.train = List.copyOf(train);
    this.validation = List.copyOf(validation);
  }

  public Corpus corpus() {
    return corpus;
  }

  public List<Segment> train() {
    return train;
  }

  public List<Segment> validation() {
    return validation;
  }

  public long trainBytes() {
    return bytes(train);
  }

  public long validationBytes() {
    return bytes(validation);
  }

  private static long bytes(List<Segment> segments) {
    return segments.stream().mapToLong(Segment::length).sum();
  }
}
