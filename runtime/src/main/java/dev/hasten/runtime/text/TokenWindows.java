package dev.hasten.runtime.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import java.util.List;

/**
 * Windows of a split corpus for next-token prediction: a window at {@code s} of length {@code T} is
 * the input tokens {@code [s, s+T)} and the labels {@code [s+1, s+T+1)}, so it reads {@code T+1}
 * tokens, all inside one segment (a window never spans a held-out block).
 *
 * <p>Training draws windows at random, each from the seed, the step and its row alone: row {@code
 * r} of step {@code t} starts at the window numbered {@code SplitMix.below(mix(mix(seed, t), r),
 * count())}, the windows numbered in text order. There is no epoch or shuffle state, so a run
 * resumed at step {@code t} reads exactly the windows it would have read, and any other program
 * that knows the rule (the PyTorch anchor) reads the same ones. Draws are with replacement, as
 * nanoGPT's are.
 *
 * <p>Evaluation reads the validation text as a tiling: consecutive, non-overlapping windows from
 * the start of each segment ({@link #tiling()}).
 */
public final class TokenWindows {
  private final TokenizedText text;
  private final List<Segment> segments;
  private final int length;
  // firstWindow[i]: how many windows the segments before segment i hold; firstWindow[n]: all.
  private final long[] firstWindow;

  private TokenWindows(TokenizedText text, List<Segment> segments, int length, String what) {
    if (length < 1) {
      throw new IllegalArgumentException("a window holds at least one token, not " + length);
    }
    this.text = text;
    this.segments = segments;
    this.length = length;
    this.firstWindow = new long[segments.size() + 1];
    int longest = 0;
    for (int i = 0; i < segments.size(); i++) {
      int tokens = segments.get(i).length();
      longest = Math.max(longest, tokens);
      firstWindow[i + 1] = firstWindow[i] + Math.max(0, tokens - length);
    }
    if (count() == 0) {
      String unit = text.isBytes() ? "bytes" : "tokens";
      throw new InvalidInputException(
          String.format(
              "no %s stretch of corpus %s holds a window of %,d tokens (%,d %s); the longest"
                  + " has %,d %s",
              what, text, length, length + 1, unit, longest, unit));
    }
  }

  /** Windows of {@code length} byte tokens in the training text of {@code text}. */
  public static TokenWindows training(SplitText text, int length) {
    return training(TokenizedText.bytes(text), length);
  }

  /** Windows of {@code length} byte tokens in the validation text of {@code text}. */
  public static TokenWindows validation(SplitText text, int length) {
    return validation(TokenizedText.bytes(text), length);
  }

  /** Windows of {@code length} tokens in the training text of {@code text}. */
  public static TokenWindows training(TokenizedText text, int length) {
    return new TokenWindows(text, text.train(), length, "training");
  }

  /** Windows of {@code length} tokens in the validation text of {@code text}. */
  public static TokenWindows validation(TokenizedText text, int length) {
    return new TokenWindows(text, text.validation(), length, "validation");
  }

  /** The characters the labels of the windows at {@code starts} cover, for bits per character. */
  public long labelCharacters(int[] starts) {
    long characters = 0;
    for (int start : starts) {
      characters += text.labelCharacters(start, length);
    }
    return characters;
  }

  /** Tokens per window. */
  public int length() {
    return length;
  }

  /** How many distinct windows there are: {@code length(segment) − T} per segment, summed. */
  public long count() {
    return firstWindow[segments.size()];
  }

  /** Where window number {@code index} (in text order, from 0) starts in the corpus. */
  public int windowStart(long index) {
    if (index < 0 || index >= count()) {
      throw new IndexOutOfBoundsException("window " + index + " of " + count());
    }
    // The last segment whose first window is at or before index: the one after it starts later,
    // so this one holds the window (segments too short for a window share their successor's
    // number and are skipped).
    int segment = 0;
    int last = segments.size() - 1;
    while (segment < last) {
      int mid = (segment + last + 1) >>> 1;
      if (firstWindow[mid] <= index) {
        segment = mid;
      } else {
        last = mid - 1;
      }
    }
    return segments.get(segment).start() + (int) (index - firstWindow[segment]);
  }

  /** The start of row {@code row} of step {@code step}'s batch. */
  public int start(long seed, long step, int row) {
    return windowStart(SplitMix.below(SplitMix.mix(SplitMix.mix(seed, step), row), count()));
  }

  /** The starts of step {@code step}'s {@code batch} rows. */
  public int[] starts(long seed, long step, int batch) {
    int[] starts = new int[batch];
    for (int row = 0; row < batch; row++) {
      starts[row] = start(seed, step, row);
    }
    return starts;
  }

  /** Consecutive non-overlapping windows from the start of each segment, in text order. */
  public int[] tiling() {
    int total = 0;
    for (Segment s : segments) {
      total += (s.length() - 1) / length;
    }
    int[] starts = new int[total];
    int i = 0;
    for (Segment s : segments) {
      for (int start = s.start(); start + length < s.end(); start += length) {
        starts[i++] = start;
      }
    }
    return starts;
  }

  /**
   * At most {@code limit} windows of the {@link #tiling()}, spread evenly over it: those numbered
   * {@code floor(i·n/limit)} for {@code i < limit}, of {@code n}. So a quick evaluation still
   * samples the whole text, not only its beginning.
   */
  public int[] tiling(int limit) {
    int[] all = tiling();
    if (all.length <= limit) {
      return all;
    }
    int[] spread = new int[limit];
    for (int i = 0; i < limit; i++) {
      spread[i] = all[(int) ((long) i * all.length / limit)];
    }
    return spread;
  }

  /**
   * The windows at {@code starts} as two int64 arrays of shape {@code [starts.length, T]}: the
   * input tokens and, one token later, the labels.
   */
  public NDList batch(NDManager manager, int[] starts) {
    long[] inputs = new long[starts.length * length];
    long[] labels = new long[starts.length * length];
    for (int row = 0; row < starts.length; row++) {
      text.read(starts[row], length, inputs, row * length);
      text.read(starts[row] + 1, length, labels, row * length);
    }
    Shape shape = new Shape(starts.length, length);
    return new NDList(manager.create(inputs, shape), manager.create(labels, shape));
  }
}
