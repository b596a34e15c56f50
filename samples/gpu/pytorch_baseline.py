"""FashionBaseline's model and recipe in plain PyTorch eager, for the GPU comparison.

Same data (the four IDX .gz files, normalised with mean 0.2860 and std 0.3530, resident on the
GPU), same model (conv32-bn-relu-pool, conv64-bn-relu-pool, fc128-relu, fc10), same optimizer
(SGD lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule per step), same batch (128, full
batches only). Prints steps per second (training only: evaluation excluded, as in Hasten's
train_seconds) and the training time at which test accuracy first reached 92%.

Usage: python3 pytorch_baseline.py DATA_DIR [EPOCHS]
"""
import gzip
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(folder, prefix, device):
    images = read_idx(f"{folder}/{prefix}-images-idx3-ubyte.gz").float().div(255)
    images = images.sub(0.2860).div(0.3530).unsqueeze(1)
    labels = read_idx(f"{folder}/{prefix}-labels-idx1-ubyte.gz").long()
    return images.to(device), labels.to(device)


class BaselineCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(64)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def main():
    folder = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    device = torch.device("cuda")
    torch.manual_seed(42)
    train_x, train_y = load(folder, "train", device)
    test_x, test_y = load(folder, "t10k", device)
    model = BaselineCnn().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    batch = 128
    steps_per_epoch = train_x.shape[0] // batch
    total = steps_per_epoch * epochs
    train_seconds = 0.0
    reached = None
    step = 0
    for epoch in range(epochs):
        model.train()
        torch.cuda.synchronize()
        start = time.perf_counter()
        order = torch.randperm(train_x.shape[0], device=device)
        for i in range(steps_per_epoch):
            for group in optimizer.param_groups:
                group["lr"] = 0.05 * 0.5 * (1 + math.cos(math.pi * step / total))
            idx = order[i * batch:(i + 1) * batch]
            loss = F.cross_entropy(model(train_x[idx]), train_y[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
        torch.cuda.synchronize()
        train_seconds += time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            correct = sum(
                (model(test_x[j:j + 1000]).argmax(1) == test_y[j:j + 1000]).sum().item()
                for j in range(0, test_x.shape[0], 1000))
        accuracy = correct / test_x.shape[0]
        if reached is None and accuracy >= 0.92:
            reached = train_seconds
        print(f"epoch {epoch + 1}: test accuracy {accuracy:.4f}, {train_seconds:.2f} s of training")
    print(f"pytorch eager: {step / train_seconds:.1f} steps/s, "
          f"time to 92%: {'%.2f s' % reached if reached is not None else 'not reached'}")


if __name__ == "__main__":
    main()
