package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.data.ImageSource;
import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The batches of a pass over a streamed split, read ahead by a background thread into a fixed pool
 * of {@code depth} host buffers: the thread fills a free buffer with the next batch's bytes and
 * queues it; {@link #next} takes the oldest, uploads and normalises it on the caller's thread (the
 * only one that touches the engine) and hands the buffer back. So the reader never holds more than
 * {@code depth} batches, and the order of the batches is exactly the order given.
 *
 * <p>Stopping: {@link #close} raises a flag that the thread checks between batches and while it
 * waits for a free buffer; it is never interrupted, because a thread interrupted inside a {@code
 * FileChannel} read closes the channel for every reader. A read that fails ends the thread; the
 * caller's next {@link #next} throws the failure as a one-line {@link
 * dev.hasten.runtime.InvalidInputException} naming the source.
 */
final class PrefetchingReader implements SplitData.Reader {
  private static final long POLL_MILLIS = 50;

  /** A filled buffer and the indices of the batch it holds; {@code indices} null: the end. */
  private record Filled(long[] indices, ByteBuffer pixels) {}

  private static final Filled FAILED = new Filled(null, null);

  private final StreamedData data;
  private final ImageSource source;
  private final long[] order;
  private final int batchSize;
  private final long end;
  private final BlockingQueue<ByteBuffer> free;
  private final BlockingQueue<Filled> ready;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;
  private long next;

  private PrefetchingReader(
      StreamedData data,
      ImageSource source,
      long[] order,
      int batchSize,
      long first,
      long end,
      int depth) {
    this.data = data;
    this.source = source;
    this.order = order;
    this.batchSize = batchSize;
    this.next = first;
    this.end = end;
    this.free = new ArrayBlockingQueue<>(depth);
    this.ready = new ArrayBlockingQueue<>(depth + 1);
    int bytes = Math.multiplyExact(batchSize, data.imageBytes());
    for (int i = 0; i < depth; i++) {
      free.add(ByteBuffer.allocateDirect(bytes));
    }
    this.thread = new Thread(() -> readAhead(first), "hasten-batch-reader");
    thread.setDaemon(true);
  }

  static PrefetchingReader start(
      StreamedData data,
      ImageSource source,
      long[] order,
      int batchSize,
      long first,
      long end,
      int depth) {
    PrefetchingReader reader =
        new PrefetchingReader(data, source, order, batchSize, first, end, depth);
    reader.thread.start();
    return reader;
  }

  private void readAhead(long first) {
    try {
      for (long batch = first; batch < end && !stopped; batch++) {
        ByteBuffer buffer = null;
        while (buffer == null && !stopped) {
          buffer = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (buffer == null) {
          return;
        }
        long[] indices = GatheringReader.batchIndices(order, batchSize, batch);
        buffer.clear();
        source.readImages(indices, buffer);
        buffer.flip();
        ready.add(new Filled(indices, buffer));
      }
    } catch (Throwable t) {
      failure = t;
      ready.offer(FAILED);
    }
  }

  @Override
  public SplitData.Batch next(NDManager into) {
    if (next >= end) {
      throw new NoSuchElementException("the pass ends before batch " + next);
    }
    if (stopped) {
      throw new IllegalStateException("the batch reader is closed");
    }
    Filled filled = take();
    try {
      SplitData.Batch batch = data.upload(into, filled.indices(), filled.pixels());
      next++;
      return batch;
    } finally {
      free.add(filled.pixels());
    }
  }

  /** Waits for the next filled buffer; a failure of the thread is thrown here. */
  private Filled take() {
    try {
      while (true) {
        Filled filled = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (filled == FAILED || (filled == null && failure != null)) {
          close();
          throw StreamedData.unreadable(source, failure);
        }
        if (filled != null) {
          return filled;
        }
        if (!thread.isAlive() && ready.isEmpty()) {
          throw new IllegalStateException(
              "the batch reader of " + source + " stopped before batch " + next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while waiting for a batch of " + source, e);
    }
  }

  /** Whether {@link #close} was called. */
  boolean closed() {
    return stopped;
  }

  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the thread stops within a read and a poll; wait for it still
      }
    }
    ready.clear();
    free.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
