#!/usr/bin/env python3
"""Writes the Fashion-MNIST subset embedded in the runtime jar.

The runtime falls back to this subset when the full data set is not installed, so that a
pipeline always runs. It is class-balanced and deterministic: the first 600 images of each
class from the training file (6,000) and the first 100 of each class from the test file
(1,000), in their original order, as the same four gzipped IDX files the full set uses.

Usage: scripts/make-embedded-subset.py [SOURCE_DIR] [TARGET_DIR]
  SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian: dataset-fashion-mnist)
  TARGET_DIR defaults to runtime/src/main/resources/dev/hasten/runtime/data/fashion-mnist-subset

Only the Python standard library is used. The gzip header carries no file name and a zero
timestamp, so running the script twice gives byte-identical files.
"""

import gzip
import os
import struct
import sys

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
CLASSES = 10
PER_CLASS = {"train": 600, "t10k": 100}


def read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    header = 4 + 4 * dims
    got_magic, *shape = struct.unpack(">" + "i" * (1 + dims), data[:header])
    if got_magic != magic:
        sys.exit(f"{path}: magic number {got_magic}, expected {magic}")
    item = 1
    for d in shape[1:]:
        item *= d
    if len(data) - header != shape[0] * item:
        sys.exit(f"{path}: payload is {len(data) - header} bytes, header announces {shape[0] * item}")
    return shape, item, data[header:]


def write_idx(path, magic, shape, payload):
    header = struct.pack(">" + "i" * (1 + len(shape)), magic, *shape)
    with open(path, "wb") as raw:
        # filename="" and mtime=0 keep the output reproducible.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(header + payload)


def subset(source, target, split):
    images_path = os.path.join(source, f"{split}-images-idx3-ubyte.gz")
    labels_path = os.path.join(source, f"{split}-labels-idx1-ubyte.gz")
    (count, rows, cols), item, pixels = read_idx(images_path, IMAGE_MAGIC, 3)
    (label_count,), _, labels = read_idx(labels_path, LABEL_MAGIC, 1)
    if count != label_count:
        sys.exit(f"{split}: {count} images but {label_count} labels")

    per_class = PER_CLASS[split]
    taken = [0] * CLASSES
    chosen = []
    for index, label in enumerate(labels):
        if taken[label] < per_class:
            taken[label] += 1
            chosen.append(index)
    if any(t < per_class for t in taken):
        sys.exit(f"{split}: a class has fewer than {per_class} examples: {taken}")

    out_pixels = b"".join(pixels[i * item:(i + 1) * item] for i in chosen)
    out_labels = bytes(labels[i] for i in chosen)
    write_idx(os.path.join(target, f"{split}-images-idx3-ubyte.gz"), IMAGE_MAGIC,
              (len(chosen), rows, cols), out_pixels)
    write_idx(os.path.join(target, f"{split}-labels-idx1-ubyte.gz"), LABEL_MAGIC,
              (len(chosen),), out_labels)
    print(f"{split}: {len(chosen)} images of {rows}x{cols}, {per_class} per class")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_target = os.path.join(
        here, "..", "runtime", "src", "main", "resources", "dev", "hasten", "runtime", "data",
        "fashion-mnist-subset")
    source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    target = sys.argv[2] if len(sys.argv) > 2 else default_target
    os.makedirs(target, exist_ok=True)
    for split in ("train", "t10k"):
        subset(source, target, split)


if __name__ == "__main__":
    main()
