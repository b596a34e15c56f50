package dev.hasten.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies the runtime's embedded Fashion-MNIST subset into a folder, for runs with {@code --data}.
 */
public final class SubsetData {
  public static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  private SubsetData() {}

  public static Path copyTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String file : FILES) {
      String resource = "/dev/hasten/runtime/data/fashion-mnist-subset/" + file;
      try (InputStream in = SubsetData.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("missing resource " + resource);
        }
        Files.copy(in, dir.resolve(file));
      }
    }
    return dir;
  }
}
