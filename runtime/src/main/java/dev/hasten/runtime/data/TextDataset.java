package dev.hasten.runtime.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.CorpusSplit;
import dev.hasten.runtime.text.KjvCorpus;
import dev.hasten.runtime.text.SplitText;
import dev.hasten.runtime.text.TokenWindows;
import dev.hasten.runtime.text.TokenizedText;
import dev.hasten.runtime.text.Tokenizer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One side of a text split for a language model: the training text, from which a run draws random
 * windows at each step, or the validation text, which evaluation reads as a tiling of windows
 * (docs/DATA.md). Built in DJL's style: {@code TextDataset.builder().setSplit(Split.TRAIN)
 * .optTokensPerEpoch(204_800).build()}, or {@link Datasets#kjv} and {@link Datasets#text} for the
 * defaults.
 *
 * <p>The text is the King James Bible unless a file is given ({@link KjvCorpus}: Debian's {@code
 * bible-kjv}, else the embedded Book of Genesis with a one-line notice), split by {@link
 * CorpusSplit#standard()}. The window length is the pipeline's {@code @LanguageModeling
 * sequenceLength}, which the run applies ({@link #withSequenceLength}); a builder may fix it
 * instead, and a run whose pipeline says otherwise refuses the data set.
 *
 * <p>Tokens are bytes unless a tokenizer is given ({@link Builder#optTokenizer(Path)}: a Hugging
 * Face {@code tokenizer.json}); then the text is tokenised once, when the data set is built ({@link
 * TokenizedText}), and windows are of its token ids.
 *
 * <p>As a DJL {@link RandomAccessDataset}, record {@code i} is one window: inputs int64 {@code [T]}
 * and labels int64 {@code [T]} (the next tokens). For the training text the records are all its
 * distinct windows, in text order; for the validation text they are the evaluation tiling.
 */
public final class TextDataset extends RandomAccessDataset {
  /** The validation windows evaluated when no limit is given: enough for a stable loss. */
  public static final int DEFAULT_WINDOW_LIMIT = 256;

  private final TokenizedText text;
  private final Split split;
  private final int sequenceLength;
  private final long tokensPerEpoch;
  private final int windowLimit;
  private final TokenWindows windows;
  private final int[] tiling;

  /** The text file read, or null for the King James Bible or a corpus given in code. */
  private final Path file;

  private TextDataset(Builder builder, TokenizedText text, int sequenceLength) {
    super(builder);
    this.text = text;
    this.file = builder.file;
    this.split = builder.split;
    this.sequenceLength = sequenceLength;
    this.tokensPerEpoch = builder.tokensPerEpoch;
    this.windowLimit = builder.windowLimit;
    if (sequenceLength == 0) {
      windows = null;
      tiling = null;
    } else if (split == Split.TRAIN) {
      windows = TokenWindows.training(text, sequenceLength);
      tiling = null;
    } else {
      windows = TokenWindows.validation(text, sequenceLength);
      tiling = windows.tiling(windowLimit);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * This data set with windows of {@code length} tokens (the pipeline's sequence length): itself
   * when it has that length already, a copy sharing the text when it has none yet.
   *
   * @throws InvalidInputException if it was built for another length, or its text is too short for
   *     one window of {@code length}
   */
  public TextDataset withSequenceLength(int length) {
    if (sequenceLength == length) {
      return this;
    }
    if (sequenceLength != 0) {
      throw new InvalidInputException(
          String.format(
              "the %s text was built for windows of %d tokens but the pipeline's"
                  + " @LanguageModeling(sequenceLength = %d) says %d; leave optSequenceLength out",
              side(), sequenceLength, length, length));
    }
    Builder copy = builder().setSplit(split);
    copy.tokensPerEpoch = tokensPerEpoch;
    copy.windowLimit = windowLimit;
    copy.tokenizer = text.tokenizer();
    copy.file = file;
    copy.setSampling(sampler);
    return new TextDataset(copy, text, length);
  }

  /** The windows of this side of the split. */
  public TokenWindows windows() {
    requireLength();
    return windows;
  }

  /** The text file this data set reads ({@link Builder#optFile}), if it reads one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Which side of the split this is: {@link Split#TRAIN} or {@link Split#TEST} (validation). */
  public Split split() {
    return split;
  }

  /** The split text, both sides. */
  public SplitText text() {
    return text.text();
  }

  /** The split text as its tokenizer reads it. */
  public TokenizedText tokens() {
    return text;
  }

  /** How the text becomes tokens: byte tokens unless the builder was given a tokenizer. */
  public Tokenizer tokenizer() {
    return text.tokenizer();
  }

  /** Tokens per window; 0 until the run applies the pipeline's ({@link #withSequenceLength}). */
  public int sequenceLength() {
    return sequenceLength;
  }

  /**
   * Training tokens one epoch stands for (random windows have no natural epoch): steps per epoch
   * are this over {@code T · batch}. By default the size of the training text.
   */
  public long tokensPerEpoch() {
    return tokensPerEpoch > 0 ? tokensPerEpoch : text.trainTokens();
  }

  /** The evaluation tiling: where each validation window starts, at most the window limit. */
  public int[] evaluationWindows() {
    requireLength();
    if (tiling == null) {
      throw new IllegalStateException("the training text has no evaluation tiling");
    }
    return tiling.clone();
  }

  /**
   * What tells this data from any other of the same size: the text's fingerprint (with the
   * tokenizer's SHA-256 for a tokenizer.json), the split rule, the side, the window length and, for
   * training, the tokens per epoch; for validation, the window limit.
   */
  public String fingerprint() {
    requireLength();
    String sizing =
        split == Split.TRAIN ? "tokens/epoch " + tokensPerEpoch() : "windows " + tiling.length;
    return String.format(
        Locale.ROOT,
        "text %s, %s, %s, T %d, %s",
        text.fingerprint(),
        CorpusSplit.standard(),
        side(),
        sequenceLength,
        sizing);
  }

  @Override
  public Record get(NDManager manager, long index) {
    requireLength();
    int start = tiling == null ? windows.windowStart(index) : tiling[Math.toIntExact(index)];
    NDList both = windows.batch(manager, new int[] {start});
    return new Record(
        new NDList(both.get(0).reshape(sequenceLength)),
        new NDList(both.get(1).reshape(sequenceLength)));
  }

  @Override
  protected long availableSize() {
    requireLength();
    return tiling == null ? windows.count() : tiling.length;
  }

  @Override
  public void prepare(ai.djl.util.Progress progress) {}

  private void requireLength() {
    if (sequenceLength == 0) {
      throw new IllegalStateException(
          "the " + side() + " text has no window length yet: a run applies its sequence length");
    }
  }

  private String side() {
    return split == Split.TRAIN ? "training" : "validation";
  }

  @Override
  public String toString() {
    return "the " + side() + " text of " + text;
  }

  /** Builder in DJL's style: {@code set…} for required values, {@code opt…} for optional ones. */
  public static final class Builder extends BaseBuilder<Builder> {
    private Split split;
    private Path file;
    private Corpus corpus;
    private int sequenceLength;
    private long tokensPerEpoch;
    private int windowLimit = DEFAULT_WINDOW_LIMIT;
    private Tokenizer tokenizer = ByteTokens.TOKENIZER;
    private Path tokenizerFile;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The training text ({@link Split#TRAIN}) or the validation text ({@link Split#TEST}). */
    public Builder setSplit(Split split) {
      this.split = split;
      return this;
    }

    /**
     * Reads this text file instead of the KJV: in any encoding for byte tokens (a byte-level model
     * reads bytes), as UTF-8 for a tokenizer.
     */
    public Builder optFile(Path file) {
      this.file = file;
      return this;
    }

    /** Uses this corpus instead of the King James Bible. */
    public Builder optCorpus(Corpus corpus) {
      this.corpus = corpus;
      return this;
    }

    /**
     * Tokenises the text with the Hugging Face {@code tokenizer.json} at {@code file} instead of
     * reading bytes (read when the data set is built). It needs {@code
     * ai.djl.huggingface:tokenizers} on the class path, which {@code ./hasten} has.
     */
    public Builder optTokenizer(Path file) {
      this.tokenizerFile = file;
      return this;
    }

    /** Tokenises the text with {@code tokenizer} (byte tokens by default). */
    public Builder optTokenizer(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
      this.tokenizerFile = null;
      return this;
    }

    /** Fixes the window length (the run otherwise applies its pipeline's). */
    public Builder optSequenceLength(int tokens) {
      this.sequenceLength = tokens;
      return this;
    }

    /** Training tokens per epoch; by default the whole training text. */
    public Builder optTokensPerEpoch(long tokens) {
      this.tokensPerEpoch = tokens;
      return this;
    }

    /** At most this many validation windows, spread over the whole validation text. */
    public Builder optWindowLimit(int windows) {
      this.windowLimit = windows;
      return this;
    }

    /**
     * Loads and splits the text.
     *
     * @throws InvalidInputException if the file or the tokenizer file is missing or unreadable, the
     *     text is too short to split or to hold one window, or an option is out of range
     */
    public TextDataset build() {
      if (split == null) {
        throw new IllegalArgumentException("setSplit(Split.TRAIN or Split.TEST) is required");
      }
      if (tokensPerEpoch < 0 || windowLimit < 1 || sequenceLength < 0) {
        throw new InvalidInputException(
            String.format(
                "text data: tokens per epoch must be at least 1 (got %d), the window limit at"
                    + " least 1 (got %d), the sequence length at least 1 (got %d)",
                tokensPerEpoch, windowLimit, sequenceLength));
      }
      if (sampler == null) {
        setSampling(Datasets.DEFAULT_BATCH_SIZE, split == Split.TRAIN);
      }
      Corpus text = corpus;
      if (text == null) {
        text = file != null ? Corpus.fromFile(file) : KjvCorpus.shared(System.err);
      }
      Tokenizer tokens = tokenizerFile != null ? Tokenizer.fromFile(tokenizerFile) : tokenizer;
      return new TextDataset(
          this,
          TokenizedText.encode(CorpusSplit.standard().apply(text), tokens, System.err),
          sequenceLength);
    }
  }
}
