#!/usr/bin/env python3
"""Writes a large synthetic image folder: 32x32 RGB PNGs in class folders, seeded.

    python3 scripts/write-synthetic-images.py DST [--train N] [--test N] [--seed S] [--workers W]

DST gets train/<class>/<n>.png (default 1,000,000 images) and test/<class>/<n>.png (default
10,000), the classes 0-... to 9-... balanced (image n has class n mod 10). It is the data set for
measuring training on a folder larger than its memory budget (docs/BENCHMARKS.md); the images are
not meant to look like anything, only to be learnable:

- each class has a pattern (stripes in one of five orientations or rings, of a class-specific
  period) drawn in a foreground colour on a background colour; two classes share each colour pair
  and differ only by pattern, so colour alone reaches at most 50%; the pattern is faint (a pixel
  is 35% to 65% foreground colour, the rest background);
- each image is one of 32 noisy renderings of its class (Gaussian noise, sigma 64 per channel),
  shifted cyclically by a random offset in x and y and brightened or darkened by up to 40 levels.

The same arguments write the same bytes: every block of 10,000 images draws from its own generator,
seeded by (seed, split, block), so the output does not depend on --workers. Standard library only;
the per-image work is byte slicing, bytes.translate and zlib, all in C, so file creation dominates:
the default 1,010,000 images (2.8 GB, 3.9 GB on disk) took 3 min 56 s with 2 workers on 2 cores
that other jobs shared (8 min 26 s when they shared them more).
"""
import argparse
import math
import multiprocessing
import os
import random
import struct
import sys
import time
import zlib

SIZE = 32
CLASSES = ["0-red-horizontal", "1-red-vertical", "2-green-diagonal", "3-green-antidiagonal",
           "4-blue-rings", "5-blue-horizontal", "6-yellow-vertical", "7-yellow-diagonal",
           "8-grey-antidiagonal", "9-grey-rings"]
# (foreground, background) per pair of classes.
COLOURS = [((220, 60, 50), (40, 30, 30)), ((60, 200, 80), (20, 40, 30)),
           ((70, 90, 230), (20, 20, 50)), ((230, 210, 60), (50, 40, 20)),
           ((200, 200, 200), (50, 50, 50))]
PATTERNS = ["horizontal", "vertical", "diagonal", "antidiagonal", "rings"]
VARIANTS = 32
NOISE_SIGMA = 64
CONTRAST = 0.3
BRIGHTNESS = 40
BLOCK = 10_000


def pattern_value(kind, period, x, y):
    """How much of the foreground colour pixel (x, y) gets: 0.5 +- CONTRAST / 2."""
    if kind == "horizontal":
        t = y
    elif kind == "vertical":
        t = x
    elif kind == "diagonal":
        t = (x + y) / math.sqrt(2)
    elif kind == "antidiagonal":
        t = (x - y + SIZE) / math.sqrt(2)
    else:
        t = math.hypot(x - SIZE / 2 + 0.5, y - SIZE / 2 + 0.5)
    return 0.5 + 0.5 * CONTRAST * math.cos(2 * math.pi * t / period)


def class_style(label):
    """Class 2k and 2k+1 share colour pair k; the patterns cycle with a class-specific period."""
    fg, bg = COLOURS[label // 2]
    kind = PATTERNS[label % len(PATTERNS)]
    period = 6 + (label % 3) * 2
    return fg, bg, kind, period


def renderings(seed, label):
    """VARIANTS noisy renderings of the class, each a list of SIZE rows of 3*SIZE bytes."""
    fg, bg, kind, period = class_style(label)
    rng = random.Random(f"{seed}/render/{label}")
    out = []
    for _ in range(VARIANTS):
        rows = []
        for y in range(SIZE):
            row = bytearray(3 * SIZE)
            for x in range(SIZE):
                a = pattern_value(kind, period, x, y)
                for c in range(3):
                    v = a * fg[c] + (1 - a) * bg[c] + rng.gauss(0, NOISE_SIGMA)
                    row[3 * x + c] = min(255, max(0, int(round(v))))
            rows.append(bytes(row))
        out.append(rows)
    return out


def brightness_tables():
    return [bytes(min(255, max(0, v + d)) for v in range(256)) for d in range(-BRIGHTNESS, BRIGHTNESS + 1)]


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


IHDR = chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0))  # 8-bit RGB
IEND = chunk(b"IEND", b"")


def png(rows):
    raw = b"".join(b"\x00" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + IHDR + chunk(b"IDAT", zlib.compress(raw, 1)) + IEND


BANK = None
TABLES = None


def init(seed):
    global BANK, TABLES
    BANK = [renderings(seed, label) for label in range(len(CLASSES))]
    TABLES = brightness_tables()


def write_block(job):
    seed, dst, split, block, count = job
    rng = random.Random(f"{seed}/{split}/{block}")
    first = block * BLOCK
    for n in range(first, min(first + BLOCK, count)):
        label = n % len(CLASSES)
        rows = BANK[label][rng.randrange(VARIANTS)]
        dx = 3 * rng.randrange(SIZE)
        dy = rng.randrange(SIZE)
        table = TABLES[rng.randrange(len(TABLES))]
        shifted = [(r[dx:] + r[:dx]).translate(table) for r in rows[dy:] + rows[:dy]]
        path = os.path.join(dst, split, CLASSES[label], f"{n:07d}.png")
        with open(path, "wb") as f:
            f.write(png(shifted))
    return min(first + BLOCK, count) - first


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dst")
    p.add_argument("--train", type=int, default=1_000_000)
    p.add_argument("--test", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    a = p.parse_args()
    if a.train < len(CLASSES) or a.test < 0:
        sys.exit(f"--train must be at least {len(CLASSES)} and --test at least 0")
    jobs = []
    for split, count in (("train", a.train), ("test", a.test)):
        for name in CLASSES:
            os.makedirs(os.path.join(a.dst, split, name), exist_ok=True)
        jobs += [(a.seed, a.dst, split, b, count) for b in range((count + BLOCK - 1) // BLOCK)]
    total = a.train + a.test
    done = 0
    start = time.monotonic()
    with multiprocessing.Pool(a.workers, initializer=init, initargs=(a.seed,)) as pool:
        for written in pool.imap_unordered(write_block, jobs):
            done += written
            elapsed = time.monotonic() - start
            print(f"\r{done:,}/{total:,} images, {done / elapsed:,.0f}/s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"wrote {a.train:,} training and {a.test:,} test images to {a.dst}"
          f" in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
