#!/usr/bin/python3
"""Writes runtime/src/test/resources/fixtures/kernels.json: PyTorch's activations and losses on fixed inputs.

For each activation: input x, upstream gradient dy, output y and input gradient dx = dy * act'(x). For softmax
the same on a [rows, cols] matrix; for each loss (mean reduction) the logits or predictions, the targets, the
loss and its gradient. Everything is computed in float64 with autograd.

Run with Debian's python3-torch (PyTorch 1.13):  /usr/bin/python3 tools/reference/kernels.py
"""
import json
import pathlib

import torch
import torch.nn.functional as F

# Away from 0, where relu, leaky relu and step have kinks; wide enough to reach sigmoid's and GELU's tails.
X = [-7.5, -4.2, -2.6, -1.3, -0.71, -0.05, 0.03, 0.4, 0.99, 1.7, 3.1, 5.8]

ACTIVATIONS = [
    ("IDENTITY", 0.0, lambda x: x),
    ("RELU", 0.0, F.relu),
    ("LEAKY_RELU", 0.1, lambda x: F.leaky_relu(x, 0.1)),
    ("SIGMOID", 0.0, torch.sigmoid),
    ("TANH", 0.0, torch.tanh),
    ("GELU", 0.0, lambda x: F.gelu(x, approximate="none")),
]


def tensor(values):
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def values(t):
    return t.detach().reshape(-1).tolist()


def main():
    generator = torch.Generator().manual_seed(7)

    def randn(*shape):
        return torch.randn(*shape, generator=generator, dtype=torch.float64)

    activations = []
    dy = randn(len(X))
    for name, alpha, fn in ACTIVATIONS:
        x = tensor(X)
        y = fn(x)
        y.backward(dy)
        activations.append({"name": name, "alpha": alpha, "x": X, "dy": values(dy), "y": values(y),
                            "dx": values(x.grad)})

    rows, cols = 3, 5
    x = (randn(rows, cols) * 3).requires_grad_()
    sdy = randn(rows, cols)
    y = torch.softmax(x, dim=1)
    y.backward(sdy)
    softmax = {"rows": rows, "cols": cols, "x": values(x), "dy": values(sdy), "y": values(y), "dx": values(x.grad)}

    losses = {}
    batch, classes = 4, 5
    logits = (randn(batch, classes) * 2).requires_grad_()
    labels = torch.tensor([3, 0, 4, 1])
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    losses["cross_entropy"] = {"batch": batch, "n": classes, "inputs": values(logits),
                               "targets": [float(c) for c in labels], "loss": loss.item(),
                               "gradient": values(logits.grad)}

    logits = (randn(batch, classes) * 2).requires_grad_()
    probabilities = torch.softmax(randn(batch, classes), dim=1)
    loss = F.cross_entropy(logits, probabilities)
    loss.backward()
    losses["cross_entropy_one_hot"] = {"batch": batch, "n": classes, "inputs": values(logits),
                                       "targets": values(probabilities), "loss": loss.item(),
                                       "gradient": values(logits.grad)}

    batch, n = 3, 4
    predictions = randn(batch, n).requires_grad_()
    targets = randn(batch, n)
    loss = F.mse_loss(predictions, targets)
    loss.backward()
    losses["mse"] = {"batch": batch, "n": n, "inputs": values(predictions), "targets": values(targets),
                     "loss": loss.item(), "gradient": values(predictions.grad)}

    batch, n = 6, 1
    logits = torch.tensor([[-30.0], [-2.5], [-0.3], [0.2], [4.0], [25.0]], dtype=torch.float64,
                          requires_grad=True)
    targets = torch.tensor([[0.0], [1.0], [0.0], [1.0], [0.3], [1.0]], dtype=torch.float64)
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    losses["bce_with_logits"] = {"batch": batch, "n": n, "inputs": values(logits), "targets": values(targets),
                                 "loss": loss.item(), "gradient": values(logits.grad)}

    fixture = {"source": "tools/reference/kernels.py, torch " + torch.__version__,
               "activations": activations, "softmax": softmax, "losses": losses}
    out = pathlib.Path(__file__).resolve().parents[2] / "runtime/src/test/resources/fixtures/kernels.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
