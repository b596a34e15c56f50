package dev.hasten.runtime.data;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.report.ProgressDisplay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes every image of a split once, on all cores, into a new cache file.
 *
 * <p>The files are cut into chunks of about {@value #CHUNK_BYTES} bytes of pixels; the chunks are
 * decoded in parallel and written in order (a window of two chunks per thread in flight, so memory
 * stays bounded whatever the folder's size), skipping the files that cannot be decoded. Each
 * skipped file is named in a warning (the first {@value #NAMED_WARNINGS}; then a count). Once more
 * than {@link ImageFolderOptions#MAX_UNREADABLE} of the split is unreadable, the build stops and
 * leaves nothing behind. The per-channel sums for the statistics are taken on the way.
 */
final class ImageCacheBuilder {
  static final int CHUNK_BYTES = 4 << 20;
  static final int NAMED_WARNINGS = 10;

  private final ImageFolderOptions options;
  private final ImageCacheFile.ChannelOpener opener;
  private final PrintStream messages;

  ImageCacheBuilder(ImageFolderOptions options, ImageCacheFile.ChannelOpener opener) {
    this.options = options;
    this.opener = opener;
    this.messages = options.messages();
  }

  /** What a chunk of files decoded to: the pixels of those that decoded, in order. */
  private record Chunk(
      byte[] pixels,
      int decoded,
      int[] labels,
      List<String> failures,
      long[] sums,
      long[] squares) {}

  /**
   * Builds {@code target} from {@code files}.
   *
   * @param source the split's folder, for messages and the metadata
   * @throws InvalidInputException if more than 1% of the files are unreadable, or the cache cannot
   *     be written (a full disk, an unwritable folder); nothing is left under {@code target}
   */
  void build(Path target, String key, String source, List<String> classes, List<ImageFile> files) {
    int threads = Runtime.getRuntime().availableProcessors();
    int imageBytes = options.imageBytes();
    int perChunk = Math.max(1, Math.min(4096, CHUNK_BYTES / imageBytes));
    int channels = options.channels();
    String shape = options.width() + "x" + options.height() + (channels == 1 ? " grey" : " RGB");
    long started = System.nanoTime();
    int limit = (int) Math.floor(ImageFolderOptions.MAX_UNREADABLE * files.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, ImageCacheBuilder::daemon);
    ProgressDisplay.Counter bar = null;
    try (ImageCacheFile.Writer writer = ImageCacheFile.create(target, opener)) {
      bar = options.progress().counter("caching " + shape, " images", files.size()).orElse(null);
      if (bar == null) {
        messages.printf(
            Locale.ROOT,
            "hasten: decoding %,d images of %s at %s into %s (once; later runs read the cache)%n",
            files.size(),
            source,
            shape,
            target);
      }
      Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
      int next = 0;
      int[] labels = new int[files.size()];
      int written = 0;
      List<String> skipped = new ArrayList<>();
      long[] sums = new long[channels];
      long[] squares = new long[channels];
      while (next < files.size() || !inFlight.isEmpty()) {
        while (next < files.size() && inFlight.size() < 2 * threads) {
          List<ImageFile> part = files.subList(next, Math.min(files.size(), next + perChunk));
          inFlight.add(pool.submit(() -> decode(part)));
          next += part.size();
        }
        Chunk chunk = take(inFlight.removeFirst());
        writer.images(chunk.pixels(), chunk.decoded() * imageBytes);
        System.arraycopy(chunk.labels(), 0, labels, written, chunk.decoded());
        written += chunk.decoded();
        for (int c = 0; c < channels; c++) {
          sums[c] += chunk.sums()[c];
          squares[c] += chunk.squares()[c];
        }
        for (String failure : chunk.failures()) {
          skipped.add(failure);
          if (skipped.size() <= NAMED_WARNINGS) {
            messages.println("hasten: warning: skipping " + failure);
          }
        }
        if (skipped.size() > limit) {
          throw new InvalidInputException(
              String.format(
                  Locale.ROOT,
                  "%s: more than 1%% of its %,d images are unreadable (%,d so far; the first: %s)",
                  source,
                  files.size(),
                  skipped.size(),
                  skipped.get(0)));
        }
        if (bar != null) {
          bar.add(chunk.decoded() + chunk.failures().size());
        }
      }
      if (skipped.size() > NAMED_WARNINGS) {
        messages.printf(
            Locale.ROOT,
            "hasten: warning: %,d more unreadable images of %s skipped%n",
            skipped.size() - NAMED_WARNINGS,
            source);
      }
      if (written == 0) {
        throw new InvalidInputException(source + ": none of its images could be read");
      }
      CacheMetadata metadata =
          new CacheMetadata(
              key,
              source,
              written,
              channels,
              options.height(),
              options.width(),
              classes,
              mean(sums, written),
              std(sums, squares, written),
              skipped);
      writer.finish(Arrays.copyOf(labels, written), metadata.toJson());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (bar != null) {
        bar.close();
        bar = null;
      }
      messages.printf(
          Locale.ROOT,
          "hasten: cached %,d images of %s in %.1f s (%,.0f images/s on %d threads)%n",
          files.size(),
          source,
          seconds,
          files.size() / seconds,
          threads);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot write the image cache "
              + target
              + ": "
              + e.getMessage()
              + "; nothing was left behind (set $"
              + ImageFolderOptions.CACHE_VARIABLE
              + " to a folder with room)",
          e);
    } finally {
      if (bar != null) {
        bar.close();
      }
      pool.shutdownNow();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "hasten-image-decoder");
    t.setDaemon(true);
    return t;
  }

  private static Chunk take(Future<Chunk> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Decodes one chunk on a decoder thread. */
  private Chunk decode(List<ImageFile> files) {
    int imageBytes = options.imageBytes();
    int plane = options.height() * options.width();
    int channels = options.channels();
    byte[] pixels = new byte[files.size() * imageBytes];
    int[] labels = new int[files.size()];
    List<String> failures = new ArrayList<>();
    long[] sums = new long[channels];
    long[] squares = new long[channels];
    ImageDecoder decoder = new ImageDecoder(channels, options.height(), options.width());
    int decoded = 0;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (ImageFile file : files) {
        int offset = decoded * imageBytes;
        try (NDManager scratch = manager.newSubManager()) {
          decoder.decode(file.path(), scratch, pixels, offset);
        } catch (IOException e) {
          failures.add(file.path() + ": " + reason(e));
          continue;
        }
        for (int c = 0; c < channels; c++) {
          long sum = 0;
          long square = 0;
          for (int p = offset + c * plane, end = p + plane; p < end; p++) {
            int v = pixels[p] & 0xff;
            sum += v;
            square += v * v;
          }
          sums[c] += sum;
          squares[c] += square;
        }
        labels[decoded++] = file.label();
      }
    }
    return new Chunk(pixels, decoded, Arrays.copyOf(labels, decoded), failures, sums, squares);
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private float[] mean(long[] sums, int count) {
    double pixels = (double) count * options.height() * options.width();
    float[] mean = new float[sums.length];
    for (int c = 0; c < sums.length; c++) {
      mean[c] = (float) (sums[c] / pixels / 255.0);
    }
    return mean;
  }

  /** The population standard deviation, {@code sqrt(E[x²] − E[x]²)}, of the pixels in [0, 1]. */
  private float[] std(long[] sums, long[] squares, int count) {
    double pixels = (double) count * options.height() * options.width();
    float[] std = new float[sums.length];
    for (int c = 0; c < sums.length; c++) {
      double m = sums[c] / pixels;
      double variance = Math.max(0, squares[c] / pixels - m * m);
      // A constant channel (every pixel the same) would divide by zero: leave its scale alone.
      std[c] = variance == 0 ? 1f : (float) (Math.sqrt(variance) / 255.0);
    }
    return std;
  }
}
