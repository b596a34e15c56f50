#!/usr/bin/python3
"""The PyTorch anchor for Hasten's language model: the same GPT, corpus, split and windows, in
PyTorch eager mode, reporting steps per second and validation loss as JSON lines on stdout.

The same as Hasten's, rule for rule:
  - corpus: `bible -l1000 Gen1:1-Rev22:21` (Debian's bible-kjv), or --corpus FILE, read as bytes
    (dev.hasten.runtime.text.KjvCorpus);
  - split: 4,096-byte blocks in groups of ten, one held out per full group at
    splitmix(splitmix(1611) ^ group) mod 10 (CorpusSplit.standard());
  - windows: row r of step t starts at window splitmix(splitmix(splitmix(splitmix(seed) ^ t)) ^ r)
    mod count, the windows numbered in text order within the training stretches (TokenWindows);
  - model: Models.gpt: token and learned position embeddings, pre-LayerNorm blocks of causal
    multi-head attention and a 4x GELU MLP, a final LayerNorm, logits through the token matrix
    (tied); nanoGPT's initialisation (normal, std 0.02; residual projections 0.02/sqrt(2 layers));
  - optimiser: AdamW (torch.optim.AdamW) with Hasten's AdamWOptimizer defaults, over every parameter.

Fairness: Debian's torch calls whatever libblas.so.3 the system's alternatives select; with
libopenblas0-pthread installed that is OpenBLAS, without it the reference BLAS (about 10x slower on
a matmul). torch.__config__.show() says BLAS_INFO=generic either way, so this script prints the
library actually mapped into the process and refuses to time the reference BLAS. Torch starts with
one thread here; --threads (default 2, as Hasten has on this machine) sets it.

Usage (run under flock /tmp/hasten-heavy.lock when timing):
  scripts/kjv-anchor.py --steps 200 --eval-every 50          # train, report loss and speed
  scripts/kjv-anchor.py --benchmark --steps 30               # time the raw step only
  scripts/kjv-anchor.py --print-windows 42 1000 4 --corpus runtime/src/main/resources/dev/hasten/runtime/text/kjv-genesis.txt
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import torch  # noqa: E402  (after the BLAS thread count is fixed)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
SIZES = {"toy": (4, 128, 4), "small": (6, 384, 6), "base": (12, 768, 12)}
BLOCK_BYTES, GROUP_BLOCKS, SPLIT_SEED = 4096, 10, 1611


def splitmix(x):
    z = (x + GOLDEN_GAMMA) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def mix(a, b):
    return splitmix(splitmix(a & MASK) ^ (b & MASK))


def read_corpus(path):
    if path:
        with open(path, "rb") as f:
            return f.read(), path
    text = subprocess.run(
        ["bible", "-l1000", "Gen1:1-Rev22:21"], check=True, capture_output=True
    ).stdout
    return text, "bible -l1000 Gen1:1-Rev22:21"


def split(length):
    """(train segments, validation segments), as CorpusSplit.standard()."""
    group_bytes = BLOCK_BYTES * GROUP_BLOCKS
    train, validation, train_start = [], [], 0
    for g in range(length // group_bytes):
        held = g * group_bytes + (mix(SPLIT_SEED, g) % GROUP_BLOCKS) * BLOCK_BYTES
        if held > train_start:
            train.append((train_start, held))
        validation.append((held, held + BLOCK_BYTES))
        train_start = held + BLOCK_BYTES
    if length > train_start:
        train.append((train_start, length))
    return train, validation


class Windows:
    """Training windows of `length` tokens, drawn as TokenWindows draws them."""

    def __init__(self, segments, length):
        self.segments, self.length, self.first = segments, length, [0]
        for start, end in segments:
            self.first.append(self.first[-1] + max(0, end - start - length))

    def window_start(self, index):
        lo, hi = 0, len(self.segments) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.first[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return self.segments[lo][0] + index - self.first[lo]

    def starts(self, seed, step, batch):
        count = self.first[-1]
        return [self.window_start(mix(mix(seed, step), row) % count) for row in range(batch)]


def tiling(segments, length, limit):
    """Validation windows as TokenWindows.tiling(limit): non-overlapping, spread evenly."""
    every = [s for start, end in segments for s in range(start, end - length, length)]
    if len(every) <= limit:
        return every
    return [every[i * len(every) // limit] for i in range(limit)]


def batch(data, starts, length):
    rows = torch.stack([data[s : s + length + 1] for s in starts]).long()
    return rows[:, :-1], rows[:, 1:]


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width)
        self.fc = nn.Linear(width, 4 * width)
        self.fc_proj = nn.Linear(4 * width, width)

    def attention(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(x).split(c, dim=2)
        q, k, v = (a.view(b, t, self.heads, c // self.heads).transpose(1, 2) for a in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(c // self.heads)
        mask = torch.ones(t, t, dtype=torch.bool).triu(1)
        y = scores.masked_fill(mask, float("-inf")).softmax(-1) @ v
        return self.proj(y.transpose(1, 2).reshape(b, t, c))

    def forward(self, x):
        x = x + self.attention(self.ln1(x))
        return x + self.fc_proj(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self, size, vocabulary, context):
        super().__init__()
        layers, width, heads = SIZES[size]
        self.tokens = nn.Embedding(vocabulary, width)
        self.positions = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(width)
        # nanoGPT's initialisation.
        for name, p in self.named_parameters():
            if name.endswith("proj.weight"):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * layers))
            elif p.dim() == 2:
                nn.init.normal_(p, 0.0, 0.02)
            elif name.endswith("bias"):
                nn.init.zeros_(p)

    def forward(self, ids):
        x = self.tokens(ids) + self.positions.weight[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.ln_f(x) @ self.tokens.weight.t()


def mapped_blas():
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return sorted(libs)


def loss_of(model, x, y):
    return F.cross_entropy(model(x).reshape(-1, 256), y.reshape(-1))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", help="a text file instead of the bible program's output")
    p.add_argument("--size", default="toy", choices=SIZES)
    p.add_argument("--context", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first (--benchmark)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eval-every", type=int, default=0)
    p.add_argument("--eval-windows", type=int, default=256)
    p.add_argument("--benchmark", action="store_true", help="time the raw step, no evaluation")
    p.add_argument("--print-windows", nargs=3, type=int, metavar=("SEED", "STEP", "BATCH"))
    a = p.parse_args()

    text, source = read_corpus(a.corpus)
    train_segments, validation_segments = split(len(text))
    windows = Windows(train_segments, a.context)
    if a.print_windows:
        seed, step, rows = a.print_windows
        print(json.dumps({"corpus": source, "bytes": len(text), "starts": windows.starts(seed, step, rows)}))
        return

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    torch.ones(64, 64) @ torch.ones(64, 64)  # maps the BLAS library
    blas = mapped_blas()
    print(json.dumps({
        "event": "config", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "blas_mapped": blas, "config": torch.__config__.show().strip().splitlines()[-1][:200],
        "corpus": source, "bytes": len(text),
        "train_bytes": sum(e - s for s, e in train_segments),
        "validation_bytes": sum(e - s for s, e in validation_segments),
        "size": a.size, "context": a.context, "batch": a.batch, "tokens_per_step": a.batch * a.context,
    }), flush=True)
    if not any("openblas" in lib for lib in blas):
        sys.exit("kjv-anchor: torch is not using OpenBLAS (mapped: %s); apt-get install -y "
                 "libopenblas0-pthread" % blas)

    data = torch.frombuffer(bytearray(text), dtype=torch.uint8)
    model = Gpt(a.size, 256, a.context)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8,
                                  weight_decay=0.01)
    evaluation = tiling(validation_segments, a.context, a.eval_windows)

    def validation_loss():
        with torch.no_grad():
            total = 0.0
            for i in range(0, len(evaluation), 64):
                x, y = batch(data, evaluation[i : i + 64], a.context)
                total += loss_of(model, x, y).item() * len(x)
            return total / len(evaluation)

    def step(t):
        x, y = batch(data, windows.starts(a.seed, t, a.batch), a.context)
        loss = loss_of(model, x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    warmup = a.warmup if a.benchmark else 0
    for t in range(warmup):
        step(t)
    seconds = 0.0  # training time only: evaluations are not counted
    for t in range(warmup, warmup + a.steps):
        began = time.perf_counter()
        loss = step(t)
        seconds += time.perf_counter() - began
        if a.eval_every and (t + 1) % a.eval_every == 0 and not a.benchmark:
            val = validation_loss()
            print(json.dumps({"step": t + 1, "train_s": round(seconds, 3), "train_loss": loss,
                              "val_loss": val, "val_bits_per_byte": val / math.log(2)}), flush=True)
    print(json.dumps({"event": "done", "side": "pytorch", "steps": a.steps, "seconds": round(seconds, 3),
                      "steps_per_s": a.steps / seconds, "last_train_loss": loss}), flush=True)

if __name__ == "__main__":
    main()
