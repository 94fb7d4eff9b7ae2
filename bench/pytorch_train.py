"""PyTorch reference for Neurite's end-to-end benchmark: the same MLP, data, batch, optimizer and threads.

Prints one JSON object: seconds per epoch, samples/s, test accuracy, inference samples/s at batch 64 and 1024,
and the process's peak resident memory. Usage (see bench/compare.sh, which sets up OpenBLAS):

    python3 bench/pytorch_train.py --model fashion_mnist --epochs 5 --threads 2
"""
import argparse
import gzip
import json
import os
import resource
import time

import numpy as np
import torch

DATA = "/usr/share/datasets/fashion-mnist"
HIDDEN = {"fashion_mnist": [512, 512], "mnist_mlp": [128, 64]}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(split):
    images = read_idx(f"{DATA}/{split}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    labels = read_idx(f"{DATA}/{split}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(images.reshape(-1, 784)), torch.from_numpy(labels)


def build(model):
    layers, width = [], 784
    for hidden in HIDDEN[model]:
        layers += [torch.nn.Linear(width, hidden), torch.nn.ReLU()]
        width = hidden
    layers.append(torch.nn.Linear(width, 10))
    return torch.nn.Sequential(*layers)


def process_age():
    """Seconds since this process started (the interpreter, importing torch, loading the data), from /proc."""
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def forward_for(net, x, batch, seconds):
    """Forward passes over x in batches for `seconds`; returns the samples passed."""
    samples, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for i in range(0, x.shape[0] - batch + 1, batch):
            net(x[i:i + batch])
            samples += batch
            if time.perf_counter() - start >= seconds:
                break
    return samples


def inference_rate(net, x, batch, seconds=2.0, warm_up_seconds=1.0):
    """Samples/s over `seconds` after `warm_up_seconds` untimed, as Neurite's --metrics measures it."""
    net.eval()
    with torch.no_grad():
        forward_for(net, x, batch, warm_up_seconds)
        start = time.perf_counter()
        samples = forward_for(net, x, batch, seconds)
        return samples / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="fashion_mnist", choices=sorted(HIDDEN))
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-flush-denormal", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if not args.no_flush_denormal:
        torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    x_train, y_train = load("train")
    x_test, y_test = load("t10k")
    if args.limit:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
    net = build(args.model)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    epoch_seconds, losses = [], []
    first_step_seconds = process_age()
    for _ in range(args.epochs):
        net.train()
        order = torch.randperm(x_train.shape[0])
        start, total = time.perf_counter(), 0.0
        for i in range(0, x_train.shape[0], args.batch):
            idx = order[i:i + args.batch]
            optimizer.zero_grad()
            loss = loss_fn(net(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()
            total += loss.item() * idx.shape[0]
        epoch_seconds.append(time.perf_counter() - start)
        losses.append(total / x_train.shape[0])
    net.eval()
    with torch.no_grad():
        accuracy = (net(x_test).argmax(1) == y_test).float().mean().item()
    result = {
        "framework": f"PyTorch {torch.__version__}",
        "model": args.model,
        "epochs": args.epochs,
        "first_step_seconds": first_step_seconds,
        "seconds_per_epoch": sum(epoch_seconds) / len(epoch_seconds),
        "best_seconds_per_epoch": min(epoch_seconds),
        "samples_per_second": x_train.shape[0] / (sum(epoch_seconds) / len(epoch_seconds)),
        "train_loss": losses,
        "test_accuracy": accuracy,
        "inference_64": inference_rate(net, x_test, 64),
        "inference_1024": inference_rate(net, x_test, 1024),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
