package dev.hasten.runtime.text;

import dev.hasten.runtime.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule that splits a corpus into training and validation text.
 *
 * <p>The text is cut into blocks of {@code blockBytes}, and the blocks into groups of {@code
 * groupBlocks}. In each full group one block is held out for validation: block {@code
 * SplitMix.below(SplitMix.mix(seed, g), groupBlocks)} of group {@code g} (see {@link SplitMix}).
 * The bytes after the last full group are all training text. So the validation text is exactly
 * {@code floor(length / (blockBytes·groupBlocks))·blockBytes} bytes, spread evenly over the whole
 * text (every book of the Bible has its share), at seeded places within each group.
 *
 * <p>{@link #standard()} holds out one 4 KiB block in ten: 104 blocks, 425,984 bytes, of the King
 * James text. Its seed is the corpus's, not the run's, on purpose: runs with different seeds are
 * then measured on the same validation text.
 */
public final class CorpusSplit {
  /** The standard block: 4 KiB, a few verses, longer than any training window on a CPU. */
  public static final int STANDARD_BLOCK_BYTES = 4096;

  /** The standard group: one block in ten is held out. */
  public static final int STANDARD_GROUP_BLOCKS = 10;

  /** The standard split's seed. */
  public static final long STANDARD_SEED = 1611;

  private final int blockBytes;
  private final int groupBlocks;
  private final long seed;

  /**
   * @param blockBytes the size of a block, at least 1
   * @param groupBlocks how many blocks make a group, of which one is held out; at least 2
   * @param seed chooses the held-out block of each group
   */
  public CorpusSplit(int blockBytes, int groupBlocks, long seed) {
    if (blockBytes < 1 || groupBlocks < 2) {
      throw new IllegalArgumentException(
          "a split needs blocks of at least 1 byte and groups of at least 2 blocks, not "
              + blockBytes
              + " and "
              + groupBlocks);
    }
    this.blockBytes = blockBytes;
    this.groupBlocks = groupBlocks;
    this.seed = seed;
  }

  /** Blocks of 4 KiB, one in ten held out, seed 1611. */
  public static CorpusSplit standard() {
    return new CorpusSplit(STANDARD_BLOCK_BYTES, STANDARD_GROUP_BLOCKS, STANDARD_SEED);
  }

  /** The smallest corpus this rule splits: one full group. */
  public int minimumBytes() {
    return blockBytes * groupBlocks;
  }

  /** Which block of group {@code group} (0-based, within the group) is held out. */
  public int heldOutBlock(long group) {
    return (int) SplitMix.below(SplitMix.mix(seed, group), groupBlocks);
  }

  /**
   * Splits {@code corpus}.
   *
   * @throws InvalidInputException if the corpus is shorter than one group, e.g. {@code corpus
   *     notes.txt has 1,200 bytes; the train/validation split needs at least 40,960 (one block of
   *     4,096 held out in each 10)}
   */
  public SplitText apply(Corpus corpus) {
    long groupBytes = (long) blockBytes * groupBlocks;
    long groups = corpus.length() / groupBytes;
    if (groups == 0) {
      throw new InvalidInputException(
          String.format(
              "corpus %s has %,d bytes; the train/validation split needs at least %,d (one block"
                  + " of %,d held out in each %d)",
              corpus.description(), corpus.length(), groupBytes, blockBytes, groupBlocks));
    }
    List<Segment> train = new ArrayList<>();
    List<Segment> validation = new ArrayList<>();
    int trainStart = 0;
    for (long g = 0; g < groups; g++) {
      int heldStart = (int) (g * groupBytes + (long) heldOutBlock(g) * blockBytes);
      if (heldStart > trainStart) {
        train.add(new Segment(trainStart, heldStart));
      }
      validation.add(new Segment(heldStart, heldStart + blockBytes));
      trainStart = heldStart + blockBytes;
    }
    if (corpus.length() > trainStart) {
      train.add(new Segment(trainStart, corpus.length()));
    }
    return new SplitText(corpus, train, validation);
  }

  @Override
  public String toString() {
    return String.format(
        "one block of %,d bytes in each %d held out for validation, seed %d",
        blockBytes, groupBlocks, seed);
  }
}
