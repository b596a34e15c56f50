package dev.hasten.runtime.loop;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * The epochs a run still has to go through ({@link Run#epochs}): from {@code first}, while the
 * scheduled run has epochs and the step limit is not reached, led by the epoch whose end a resumed
 * run still owes, which then comes once more without steps.
 */
final class EpochIterator implements Iterator<Integer> {
  private final StepPlan plan;
  private final LongSupplier stepsTaken;
  private int next;
  private boolean owesEnd;

  EpochIterator(StepPlan plan, LongSupplier stepsTaken, int first, boolean owesEnd) {
    this.plan = plan;
    this.stepsTaken = stepsTaken;
    this.next = first;
    this.owesEnd = owesEnd;
  }

  @Override
  public boolean hasNext() {
    return owesEnd || (next < plan.epochCount() && stepsTaken.getAsLong() < plan.stepLimit());
  }

  @Override
  public Integer next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    owesEnd = false;
    return next++;
  }
}
