package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hasten.runtime.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorpusSplitTest {
  private static Corpus bytes(int n) {
    return Corpus.of(new byte[n], n + " zeros", null);
  }

  /** SplittableRandom's first long from seed x is SplitMix64's output for x: an oracle. */
  private static long splitMix(long x) {
    return new SplittableRandom(x).nextLong();
  }

  @Test
  void mixIsSplitMix64AsTheJdkComputesIt() {
    for (long x : new long[] {0, 1, 1611, -1, Long.MIN_VALUE}) {
      assertEquals(splitMix(x), SplitMix.mix(x));
    }
    // SplitMix64's published first output from state 0.
    assertEquals(0xE220A8397B1DCDAFL, SplitMix.mix(0));
  }

  @Test
  void eachFullGroupHoldsOutTheBlockItsSeededHashNames() {
    // Blocks of 10 bytes in groups of 4: 95 bytes are two full groups (80 bytes) and 15 bytes of
    // training text after them.
    CorpusSplit rule = new CorpusSplit(10, 4, 7);
    SplitText text = rule.apply(bytes(95));

    int held0 = (int) Long.remainderUnsigned(splitMix(splitMix(7) ^ 0), 4);
    int held1 = (int) Long.remainderUnsigned(splitMix(splitMix(7) ^ 1), 4);
    assertEquals(held0, rule.heldOutBlock(0));
    assertEquals(held1, rule.heldOutBlock(1));
    assertEquals(
        List.of(
            new Segment(10 * held0, 10 * held0 + 10),
            new Segment(40 + 10 * held1, 50 + 10 * held1)),
        text.validation());
    assertEquals(20, text.validationBytes());
    assertEquals(75, text.trainBytes());
    assertEquals(new Segment(50 + 10 * held1, 95), text.train().get(text.train().size() - 1));
  }

  @Test
  void trainingSegmentsAreTheGapsBetweenHeldOutBlocks() {
    CorpusSplit rule = new CorpusSplit(10, 4, 7);
    SplitText text = rule.apply(bytes(95));
    int position = 0;
    int v = 0;
    int t = 0;
    // Walking the text in order meets every byte exactly once, in one list or the other.
    while (position < 95) {
      if (v < text.validation().size() && text.validation().get(v).start() == position) {
        position = text.validation().get(v++).end();
      } else {
        Segment s = text.train().get(t++);
        assertEquals(position, s.start());
        position = s.end();
      }
    }
    assertEquals(text.validation().size(), v);
    assertEquals(text.train().size(), t);
  }

  @Test
  void theStandardSplitOfTheExcerptHoldsOutOneFourKibBlockInEachFullGroupOfTen() {
    // 204,674 bytes = 4 full groups of 40,960 (163,840) and 40,834 more.
    SplitText text = CorpusSplit.standard().apply(KjvCorpus.excerpt(null));
    assertEquals(4 * 4096, text.validationBytes());
    assertEquals(204_674 - 4 * 4096, text.trainBytes());
    assertEquals(4, text.validation().size());
  }

  @Test
  void theStandardSplitOfTheFullTextHoldsOut104Blocks() {
    // 4,298,239 bytes = 104 full groups of 40,960 and 38,399 more.
    Corpus kjvSized = Corpus.of(new byte[KjvCorpus.FULL_BYTES], "kjv", null);
    SplitText text = CorpusSplit.standard().apply(kjvSized);
    assertEquals(425_984, text.validationBytes());
    assertEquals(4_298_239 - 425_984, text.trainBytes());
  }

  @Test
  void aCorpusShorterThanOneGroupIsRefusedInOneLine() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> CorpusSplit.standard().apply(bytes(40_959)));
    assertEquals(
        "corpus 40959 zeros has 40,959 bytes; the train/validation split needs at least 40,960"
            + " (one block of 4,096 held out in each 10)",
        e.getMessage());
    assertEquals(1, CorpusSplit.standard().apply(bytes(40_960)).validation().size());
  }

  @Test
  void anotherSeedHoldsOutOtherBlocks() {
    SplitText a = new CorpusSplit(16, 8, 1).apply(bytes(16 * 8 * 50));
    SplitText b = new CorpusSplit(16, 8, 2).apply(bytes(16 * 8 * 50));
    assertEquals(a.validationBytes(), b.validationBytes());
    assertNotEquals(a.validation(), b.validation());
  }
}
