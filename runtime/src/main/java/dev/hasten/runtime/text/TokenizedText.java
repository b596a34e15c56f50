package dev.hasten.runtime.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A split corpus as a tokenizer reads it: the token ids of its training and validation text, each
 * side a list of contiguous segments of token positions, and the characters each token covers (for
 * bits per character).
 *
 * <p>Byte tokens need no encoding: the tokens are the corpus's bytes, at the split's own positions.
 * Any other tokenizer encodes each segment of the split on its own, once ({@link #encode}), so a
 * token never spans a held-out block and the split stays the one rule in bytes that every tokenizer
 * shares: runs with different tokenizers are measured on the same validation text.
 */
public final class TokenizedText {
  /** The last text encoded, kept so that a run's two sides (and a sweep's runs) encode it once. */
  private static TokenizedText lastEncoded;

  private final SplitText text;
  private final Tokenizer tokenizer;

  /** The ids of every segment, in text order; null for byte tokens, which are the corpus bytes. */
  private final int[] tokens;

  /**
   * {@code characterEnds[i]}: the characters of the segments' text up to the end of token {@code
   * i}, counted from the first segment's start; null for byte tokens.
   */
  private final int[] characterEnds;

  private final List<Segment> train;
  private final List<Segment> validation;

  private TokenizedText(
      SplitText text,
      Tokenizer tokenizer,
      int[] tokens,
      int[] characterEnds,
      List<Segment> train,
      List<Segment> validation) {
    this.text = text;
    this.tokenizer = tokenizer;
    this.tokens = tokens;
    this.characterEnds = characterEnds;
    this.train = List.copyOf(train);
    this.validation = List.copyOf(validation);
  }

  /** {@code text} in byte tokens: its bytes, at the split's positions. */
  public static TokenizedText bytes(SplitText text) {
    return new TokenizedText(
        text, ByteTokens.TOKENIZER, null, null, text.train(), text.validation());
  }

  /**
   * {@code text} in the tokens of {@code tokenizer} (byte tokens as {@link #bytes}). Every segment
   * is decoded as UTF-8 and encoded on its own; a character that a block boundary cuts decodes as
   * U+FFFD on both sides. What it took is said on {@code messages}, once per text and tokenizer.
   */
  public static synchronized TokenizedText encode(
      SplitText text, Tokenizer tokenizer, PrintStream messages) {
    if (tokenizer == ByteTokens.TOKENIZER) {
      return bytes(text);
    }
    TokenizedText last = lastEncoded;
    if (last != null
        && last.text.corpus().fingerprint().equals(text.corpus().fingerprint())
        && last.text.train().equals(text.train())
        && last.tokenizer.fingerprint().equals(tokenizer.fingerprint())) {
      return last;
    }
    long started = System.nanoTime();
    List<Segment> all = new ArrayList<>(text.train());
    all.addAll(text.validation());
    all.sort(Comparator.comparingInt(Segment::start));
    List<String> pieces = new ArrayList<>(all.size());
    for (Segment s : all) {
      pieces.add(text.corpus().text(s.start(), s.end()));
    }
    List<EncodedText> encoded = tokenizer.encodeEach(pieces);
    int total = 0;
    for (EncodedText e : encoded) {
      total = Math.addExact(total, e.ids().length);
    }
    int[] tokens = new int[total];
    int[] ends = new int[total];
    List<Segment> train = new ArrayList<>();
    List<Segment> validation = new ArrayList<>();
    int position = 0;
    int characters = 0;
    for (int i = 0; i < all.size(); i++) {
      EncodedText e = encoded.get(i);
      int n = e.ids().length;
      System.arraycopy(e.ids(), 0, tokens, position, n);
      for (int t = 0; t < n; t++) {
        ends[position + t] = characters + e.characterEnds()[t];
      }
      String piece = pieces.get(i);
      int pieceCharacters = piece.codePointCount(0, piece.length());
      if (n > 0) {
        // Characters after the last token (a line end a pre-tokenizer drops) are still text the
        // model is measured on: they count with the last token.
        ends[position + n - 1] = characters + pieceCharacters;
      }
      Segment segment = new Segment(position, position + n);
      (text.validation().contains(all.get(i)) ? validation : train).add(segment);
      position += n;
      characters += pieceCharacters;
    }
    TokenizedText result = new TokenizedText(text, tokenizer, tokens, ends, train, validation);
    messages.printf(
        Locale.ROOT,
        "hasten: %s: %,d tokens of %,d bytes (%.2f bytes a token), tokenised in %.1f s%n",
        tokenizer,
        total,
        text.trainBytes() + text.validationBytes(),
        (text.trainBytes() + text.validationBytes()) / (double) Math.max(1, total),
        (System.nanoTime() - started) / 1e9);
    lastEncoded = result;
    return result;
  }

  /** The split text this encodes. */
  public SplitText text() {
    return text;
  }

  public Corpus corpus() {
    return text.corpus();
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Whether the tokens are the corpus's bytes. */
  public boolean isBytes() {
    return tokens == null;
  }

  /** The training text's segments, in token positions. */
  public List<Segment> train() {
    return train;
  }

  /** The validation text's segments, in token positions. */
  public List<Segment> validation() {
    return validation;
  }

  public long trainTokens() {
    return train.stream().mapToLong(Segment::length).sum();
  }

  /** The token at {@code position}. */
  public int token(int position) {
    return tokens == null ? ByteTokens.token(text.corpus().bytes()[position]) : tokens[position];
  }

  /** Copies tokens {@code [start, start + count)} into {@code into} from {@code offset}. */
  void read(int start, int count, long[] into, int offset) {
    if (tokens == null) {
      byte[] bytes = text.corpus().bytes();
      for (int t = 0; t < count; t++) {
        into[offset + t] = ByteTokens.token(bytes[start + t]);
      }
    } else {
      for (int t = 0; t < count; t++) {
        into[offset + t] = tokens[start + t];
      }
    }
  }

  /**
   * The characters that tokens {@code (start, start + count]} cover: those a window at {@code
   * start} of {@code count} tokens predicts, its labels. For byte tokens, the labels' bytes that
   * start a character (every byte, in ASCII); else the characters from the end of token {@code
   * start} to the end of the last label.
   */
  public long labelCharacters(int start, int count) {
    if (tokens == null) {
      byte[] bytes = text.corpus().bytes();
      long characters = 0;
      for (int i = start + 1; i <= start + count; i++) {
        if (ByteTokens.startsCharacter(bytes[i])) {
          characters++;
        }
      }
      return characters;
    }
    return characterEnds[start + count] - characterEnds[start];
  }

  /**
   * What tells these tokens from others: the corpus's fingerprint, and the tokenizer's unless it is
   * byte tokens (so that the fingerprints of byte-token runs stay what they were).
   */
  public String fingerprint() {
    return isBytes()
        ? text.corpus().fingerprint()
        : text.corpus().fingerprint() + ", tokens " + tokenizer.fingerprint();
  }

  @Override
  public String toString() {
    return text.corpus().description() + (isBytes() ? "" : " in " + tokenizer);
  }
}
