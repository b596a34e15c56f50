#!/usr/bin/env python3
"""Cuts images out of a gzipped IDX image file as grey PNG files, named by index and label.

For trying an exported model on real test images:

  scripts/idx-to-png.py IMAGES.gz LABELS.gz OUT_DIR [COUNT] [FIRST]

writes OUT_DIR/<index>-<label>.png for COUNT images (default 10) from index FIRST (default 0).
With no files given (`-`), it reads the test split of the subset embedded in the runtime.

Only the Python standard library is used.
"""

import gzip
import os
import struct
import sys
import zlib

SUBSET = "runtime/src/main/resources/dev/hasten/runtime/data/fashion-mnist-subset"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return shape, data[4 + 4 * dims :]


def png(width, height, pixels):
    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + pixels[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    images_path, labels_path, out = argv[1], argv[2], argv[3]
    if images_path == "-":
        images_path = os.path.join(SUBSET, "t10k-images-idx3-ubyte.gz")
        labels_path = os.path.join(SUBSET, "t10k-labels-idx1-ubyte.gz")
    count = int(argv[4]) if len(argv) > 4 else 10
    first = int(argv[5]) if len(argv) > 5 else 0
    (n, rows, cols), pixels = read_idx(images_path)
    (_,), labels = read_idx(labels_path)
    os.makedirs(out, exist_ok=True)
    for i in range(first, min(first + count, n)):
        image = pixels[i * rows * cols : (i + 1) * rows * cols]
        with open(os.path.join(out, "%05d-%d.png" % (i, labels[i])), "wb") as f:
            f.write(png(cols, rows, image))


if __name__ == "__main__":
    main(sys.argv)
