#!/usr/bin/env python3
"""Writes Fashion-MNIST as an image folder: one 28x28 grey PNG per image.

    python3 scripts/write-fashion-pngs.py [SRC] DST

SRC holds the four IDX .gz files (default /usr/share/datasets/fashion-mnist, the Debian package
dataset-fashion-mnist). DST gets train/<class>/<n>.png (60,000 images) and test/<class>/<n>.png
(10,000), where <class> is 0-tshirt ... 9-ankle-boot (sorted, they are in label order) and <n> is
the image's index in its IDX file. Standard library only (zlib for the PNG data); the pixels are
written exactly, so `./hasten train FolderBaseline --data DST` trains on the same images as
`./hasten train FashionBaseline`.
"""
import gzip
import os
import struct
import sys
import zlib

CLASSES = ["0-tshirt", "1-trouser", "2-pullover", "3-dress", "4-coat",
           "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot"]


def read_idx(path, dimensions):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    if magic != 0x800 + dimensions:
        sys.exit(f"{path}: magic {magic:#x}, not an IDX file of {dimensions} dimension(s)")
    dims = struct.unpack(">" + "I" * dimensions, data[4:4 + 4 * dimensions])
    return dims, data[4 + 4 * dimensions:]


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width, height, pixels):
    """An 8-bit greyscale PNG: each row is filter byte 0 followed by the row's pixels."""
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


def write_split(src, dst, prefix, split):
    (count, rows, cols), pixels = read_idx(os.path.join(src, prefix + "-images-idx3-ubyte.gz"), 3)
    (label_count,), labels = read_idx(os.path.join(src, prefix + "-labels-idx1-ubyte.gz"), 1)
    if count != label_count:
        sys.exit(f"{src}: {count} {prefix} images but {label_count} labels")
    for name in CLASSES:
        os.makedirs(os.path.join(dst, split, name), exist_ok=True)
    size = rows * cols
    for i in range(count):
        path = os.path.join(dst, split, CLASSES[labels[i]], f"{i:05d}.png")
        with open(path, "wb") as f:
            f.write(png(cols, rows, pixels[i * size:(i + 1) * size]))
    return count


def main():
    args = sys.argv[1:]
    if len(args) == 1:
        src, dst = "/usr/share/datasets/fashion-mnist", args[0]
    elif len(args) == 2:
        src, dst = args
    else:
        sys.exit(__doc__)
    train = write_split(src, dst, "train", "train")
    test = write_split(src, dst, "t10k", "test")
    print(f"wrote {train:,} training and {test:,} test images to {dst}")


if __name__ == "__main__":
    main()
