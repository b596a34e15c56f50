package dev.hasten.runtime.data;

import java.nio.file.Path;

/**
 * One image of an image folder as the scan found it: what the cache's key is made of (the path
 * relative to the folder, size and modification time) and the class it belongs to.
 *
 * @param relativePath the path below the folder, with {@code /} separators, e.g. {@code
 *     train/cat/1.png}
 * @param path the file
 * @param size bytes
 * @param modifiedMillis last modification time, milliseconds since the epoch
 * @param label the index of its class in the sorted class names
 */
public record ImageFile(
    String relativePath, Path path, long size, long modifiedMillis, int label) {}
