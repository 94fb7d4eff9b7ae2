"""Forward/backward reference values of fashion_mnist.nn (784-512-512-10, ReLU, cross-entropy) from PyTorch.

Weights and inputs follow closed formulas that the Java test recomputes, so the fixture holds only results:
the logits, the loss, and for each parameter tensor the sum and absolute sum of its gradient plus the gradient
at 64 spread-out positions. Run with Debian's python3-torch:

    /usr/bin/python3 tools/reference/fashion_parity.py > compiler/src/test/resources/fixtures/fashion_parity.json
"""
import json
import math

import numpy as np
import torch

BATCH = 8
SIZES = [(784, 512), (512, 512), (512, 10)]


def weight_values(tensor_index, count):
    """Value i of parameter tensor k: 0.05 * sin(0.731 i + 1.3 k), rounded to float32."""
    i = np.arange(count, dtype=np.float64)
    return (0.05 * np.sin(0.731 * i + 1.3 * tensor_index)).astype(np.float32)


def input_values():
    """Pixel j of sample b: 0.5 + 0.5 sin(0.013 (784 b + j) + 0.1 b), in [0, 1]."""
    b = np.arange(BATCH, dtype=np.float64)[:, None]
    j = np.arange(784, dtype=np.float64)[None, :]
    return (0.5 + 0.5 * np.sin(0.013 * (784 * b + j) + 0.1 * b)).astype(np.float32)


def probe_positions(count):
    return [(i * 7919) % count for i in range(64)]


def main():
    torch.set_default_dtype(torch.float64)
    layers = []
    tensor_index = 0
    for fan_in, fan_out in SIZES:
        linear = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(weight_values(tensor_index, fan_out * fan_in)
                                                 .astype(np.float64).reshape(fan_out, fan_in)))
            linear.bias.copy_(torch.from_numpy(weight_values(tensor_index + 1, fan_out).astype(np.float64)))
        tensor_index += 2
        layers.append(linear)
    model = torch.nn.Sequential(torch.nn.Flatten(), layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(),
                                layers[2])
    x = torch.from_numpy(input_values().astype(np.float64)).reshape(BATCH, 28, 28)
    y = torch.tensor([b % 10 for b in range(BATCH)])
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()

    tensors = {}
    for n, linear in enumerate(layers, start=1):
        for kind, param in (("weight", linear.weight), ("bias", linear.bias)):
            grad = param.grad.reshape(-1)
            positions = probe_positions(grad.numel())
            tensors[f"dense{n}.{kind}"] = {
                "sum": grad.sum().item(),
                "abs_sum": grad.abs().sum().item(),
                "positions": positions,
                "values": [grad[p].item() for p in positions],
            }
    print(json.dumps({
        "torch": torch.__version__,
        "batch": BATCH,
        "logits": logits.reshape(-1).tolist(),
        "loss": loss.item(),
        "gradients": tensors,
    }, indent=1))


if __name__ == "__main__":
    main()
