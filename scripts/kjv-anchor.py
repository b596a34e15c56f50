#!/usr/bin/python3
"""The PyTorch anchor for Hasten's language model: the same GPT, corpus, split, windows and recipe,
in PyTorch eager mode, reporting validation loss and training time as JSON lines on stdout.

The same as Hasten's, rule for rule:
  - corpus: `bible -l1000 Gen1:1-Rev22:21` (Debian's bible-kjv), or --corpus FILE, read as bytes
    (dev.hasten.runtime.text.KjvCorpus);
  - split: 4,096-byte blocks in groups of ten, one held out per full group at
    splitmix(splitmix(1611) ^ group) mod 10 (CorpusSplit.standard());
  - training windows: row r of step t (from 0) starts at window
    splitmix(splitmix(splitmix(splitmix(seed) ^ t)) ^ r) mod count, the windows numbered in text
    order within the training stretches (TokenWindows.starts);
  - validation windows: the non-overlapping tiling of the held-out blocks, at most --eval-windows
    of them, those numbered floor(i*n/limit) of n (TokenWindows.tiling(limit));
  - model: Models.gpt: token and learned position embeddings, pre-LayerNorm blocks of causal
    multi-head attention and a 4x GELU MLP, a final LayerNorm, logits through the token matrix
    (tied); nanoGPT's initialisation (normal, std 0.02; residual projections 0.02/sqrt(2 layers));
  - optimiser: torch.optim.AdamW over every parameter in one group, so weight decay reaches the
    biases, LayerNorm gains and embeddings too, as AdamWOptimizer's does; epsilon 1e-8 and bias
    corrections from each parameter's update count (the same formula, term for term);
  - schedule: CosineSchedule: W = warmupFraction * steps; step s (from 0) trains at lr * s / W
    while s < W, then lr * (1 + cos(pi * (s - W) / (steps - W))) / 2; so step 0 trains at 0;
  - the baseline recipe (KjvBaseline) by default: size toy, context 128, batch 16, AdamW lr 1e-3,
    betas 0.9/0.99, weight decay 0.1, warm-up fraction 0.05, seed 42, evaluation every 100 steps
    on 256 validation windows.

Output, one JSON object a line, in metrics.jsonl's field names so that the same tools read both:
a config line ("event": "config"); at every evaluation a training line (step, epoch, time_s,
train_loss: the mean since the previous training line, lr) and an evaluation line ("event":
"eval", epoch, step, time_s, test_acc: next-token accuracy, test_loss: mean nats per token,
bits_per_char: test_loss / ln 2); the first evaluation at or below --target-loss also gives a
"target" line; last a summary ("event": "summary"). time_s is training time: data, forward,
backward and update; the evaluations are off the clock, as in Hasten.

Fairness: Debian's torch calls whatever libblas.so.3 the system's alternatives select; with
libopenblas0-pthread installed that is OpenBLAS, without it the reference BLAS (about 10x slower on
a matmul). torch.__config__.show() says BLAS_INFO=generic either way, so this script prints the
library actually mapped into the process and refuses to time the reference BLAS. Torch starts with
one thread here; --threads (default 2, as Hasten has on this machine) sets it, and OpenBLAS gets 2
threads of its own (OPENBLAS_NUM_THREADS). Torch's OpenMP threads would spin-wait after each
parallel operation while OpenBLAS's threads need the same cores for the next matmul, so the
script makes them wait passively (OMP_WAIT_POLICY=PASSIVE): on 2 cores that doubles the step rate.
Both are defaults that the environment can override, and the config line prints them.

Usage (run under flock /tmp/hasten-heavy.lock when timing):
  scripts/kjv-anchor.py --steps 800 --target-loss 1.6           # the baseline, time to a loss
  scripts/kjv-anchor.py --steps 800 --max-steps 200             # its first 200 steps
  scripts/kjv-anchor.py --benchmark --steps 30                   # time the raw step only
  scripts/kjv-anchor.py --print-lr 0 1 39 40 799 --steps 800     # the schedule, no training
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
# Torch's OpenMP threads otherwise spin after each parallel operation, on the same two cores that
# OpenBLAS's own threads then need for the next matmul: measured here, that halves the step rate.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

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


def tiling(segments, length, limit=None):
    """Validation windows as TokenWindows.tiling(limit): non-overlapping, from the start of each
    segment, and at most `limit` of the n, those numbered floor(i * n / limit), spread evenly."""
    every = [s for start, end in segments for s in range(start, end - length, length)]
    if limit is None or len(every) <= limit:
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


def cosine_lr(base, step, total, warmup_fraction):
    """CosineSchedule.learningRate(base, step, total): a real-valued warm-up length, step from 0."""
    warmup = warmup_fraction * total
    if step < warmup:
        return base * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base * 0.5 * (1 + math.cos(math.pi * progress))


def mapped_blas():
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return sorted(libs)


def loss_of(model, x, y):
    return F.cross_entropy(model(x).reshape(-1, 256), y.reshape(-1))


def evaluate(model, data, starts, length, chunk=64):
    """(mean nats per token, next-token accuracy) over the windows at `starts`."""
    total, correct, tokens = 0.0, 0, 0
    with torch.no_grad():
        for i in range(0, len(starts), chunk):
            x, y = batch(data, starts[i : i + chunk], length)
            logits = model(x).reshape(-1, 256)
            total += F.cross_entropy(logits, y.reshape(-1), reduction="sum").item()
            correct += (logits.argmax(-1) == y.reshape(-1)).sum().item()
            tokens += y.numel()
    return total / tokens, correct / tokens


def arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", help="a text file instead of the bible program's output")
    p.add_argument("--size", default="toy", choices=SIZES)
    p.add_argument("--context", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--steps", type=int, default=800, help="the run's total steps (the schedule's)")
    p.add_argument("--max-steps", type=int,
                   help="stop after this many steps, the schedule still that of --steps")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta1", type=float, default=0.9)
    p.add_argument("--beta2", type=float, default=0.99)
    p.add_argument("--eps", type=float, default=1e-8)
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--warmup-fraction", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=42, help="draws the training windows (and the init)")
    p.add_argument("--init-seed", type=int,
                   help="draws the initial weights instead of --seed, the windows unchanged")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--eval-every", type=int, default=100,
                   help="steps between evaluations (0: none)")
    p.add_argument("--eval-windows", type=int, default=256)
    p.add_argument("--target-loss", type=float, help="report the training time to this test_loss")
    p.add_argument("--stop-at-target", action="store_true", help="stop at the target's evaluation")
    p.add_argument("--benchmark", action="store_true",
                   help="time the raw step as GptStepBenchmark does: constant lr, AdamW betas "
                        "0.9/0.999 and weight decay 0.01, no evaluation")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first (--benchmark)")
    p.add_argument("--print-windows", nargs=3, type=int, metavar=("SEED", "STEP", "BATCH"),
                   help="print a step's training windows and the validation windows, then stop")
    p.add_argument("--print-lr", nargs="+", type=int, metavar="STEP",
                   help="print the learning rate of these steps of a --steps run, then stop")
    a = p.parse_args()
    if a.steps < 1 or a.eval_every < 0 or a.eval_windows < 1 or not 0 <= a.warmup_fraction < 1:
        p.error("--steps and --eval-windows must be at least 1, --eval-every at least 0 and "
                "--warmup-fraction in [0, 1)")
    if a.max_steps is not None and a.max_steps < 1:
        p.error("--max-steps must be at least 1")
    if a.stop_at_target and a.target_loss is None:
        p.error("--stop-at-target needs --target-loss")
    if a.target_loss is not None and not a.eval_every:
        p.error("--target-loss needs evaluations (--eval-every above 0)")
    return a


def emit(line):
    print(json.dumps(line), flush=True)


def main():
    a = arguments()
    if a.print_lr:
        emit({"steps": a.steps, "warmup_fraction": a.warmup_fraction, "lr": a.lr,
              "schedule": {str(s): cosine_lr(a.lr, s, a.steps, a.warmup_fraction)
                           for s in a.print_lr}})
        return

    text, source = read_corpus(a.corpus)
    train_segments, validation_segments = split(len(text))
    windows = Windows(train_segments, a.context)
    evaluation = tiling(validation_segments, a.context, a.eval_windows)
    if a.print_windows:
        seed, step, rows = a.print_windows
        emit({"corpus": source, "bytes": len(text), "starts": windows.starts(seed, step, rows),
              "validation_tiling": len(tiling(validation_segments, a.context)),
              "validation": evaluation})
        return

    if a.benchmark:
        a.beta2, a.weight_decay, a.eval_every, a.target_loss = 0.999, 0.01, 0, None
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed if a.init_seed is None else a.init_seed)
    torch.ones(64, 64) @ torch.ones(64, 64)  # maps the BLAS library
    blas = mapped_blas()
    emit({
        "event": "config", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "blas_mapped": blas, "openblas_threads": os.environ["OPENBLAS_NUM_THREADS"],
        "omp_wait_policy": os.environ["OMP_WAIT_POLICY"],
        "config": torch.__config__.show().strip().splitlines()[-1][:200],
        "corpus": source, "bytes": len(text),
        "train_bytes": sum(e - s for s, e in train_segments),
        "validation_bytes": sum(e - s for s, e in validation_segments),
        "size": a.size, "context": a.context, "batch": a.batch, "tokens_per_step": a.batch * a.context,
        "steps": a.steps, "optimizer": {"lr": a.lr, "betas": [a.beta1, a.beta2], "eps": a.eps,
                                        "weight_decay": a.weight_decay},
        "schedule": "constant" if a.benchmark else "cosine(warmup=%s)" % a.warmup_fraction,
        "seed": a.seed, "init_seed": a.seed if a.init_seed is None else a.init_seed,
        "eval_every": a.eval_every, "eval_windows": len(evaluation),
    })
    if not any("openblas" in lib for lib in blas):
        sys.exit("kjv-anchor: torch is not using OpenBLAS (mapped: %s); apt-get install -y "
                 "libopenblas0-pthread" % blas)

    data = torch.frombuffer(bytearray(text), dtype=torch.uint8)
    model = Gpt(a.size, 256, a.context)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(a.beta1, a.beta2),
                                  eps=a.eps, weight_decay=a.weight_decay)
    group = optimizer.param_groups[0]

    def step(t, lr):
        group["lr"] = lr
        x, y = batch(data, windows.starts(a.seed, t, a.batch), a.context)
        loss = loss_of(model, x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    if a.benchmark:
        for t in range(a.warmup):
            step(t, a.lr)
        began = time.perf_counter()
        for t in range(a.warmup, a.warmup + a.steps):
            loss = step(t, a.lr)
        seconds = time.perf_counter() - began
        emit({"event": "done", "side": "pytorch", "steps": a.steps, "seconds": round(seconds, 3),
              "steps_per_s": a.steps / seconds, "last_train_loss": loss})
        return

    seconds = 0.0  # training time only: the evaluations are off the clock
    wall_began = time.perf_counter()
    loss_sum, losses, best, reached, last_eval = 0.0, 0, math.inf, None, None
    limit = min(a.steps, a.max_steps or a.steps)
    for t in range(limit):
        began = time.perf_counter()
        lr = cosine_lr(a.lr, t, a.steps, a.warmup_fraction)
        loss_sum += step(t, lr)
        seconds += time.perf_counter() - began
        losses += 1
        done = t + 1
        evaluates = a.eval_every and (done % a.eval_every == 0 or done == limit)
        if done % 50 == 0 or evaluates:
            emit({"step": done, "epoch": (done - 1) // max(a.eval_every, 1),
                  "time_s": round(seconds, 3), "train_loss": loss_sum / losses, "lr": lr})
            loss_sum, losses = 0.0, 0
        if not evaluates:
            continue
        test_loss, test_acc = evaluate(model, data, evaluation, a.context)
        best = min(best, test_loss)
        last_eval = test_loss
        emit({"event": "eval", "epoch": (done - 1) // a.eval_every, "step": done,
              "time_s": round(seconds, 3), "test_acc": test_acc, "test_loss": test_loss,
              "bits_per_char": test_loss / math.log(2)})
        if a.target_loss is not None and reached is None and test_loss <= a.target_loss:
            reached = (done, seconds)
            emit({"event": "target", "target_loss": a.target_loss, "step": done,
                  "time_s": round(seconds, 3)})
            if a.stop_at_target:
                break
    emit({"event": "summary", "side": "pytorch", "steps": done, "train_seconds": round(seconds, 3),
          "wall_seconds": round(time.perf_counter() - wall_began, 3),
          "steps_per_s": done / seconds, "final_test_loss": last_eval,
          "best_test_loss": None if best == math.inf else best,
          "target_loss": a.target_loss,
          "target_step": reached[0] if reached else None,
          "target_time_s": round(reached[1], 3) if reached else None})


if __name__ == "__main__":
    main()
