#!/usr/bin/python3
"""Writes runtime/src/test/resources/fixtures/optimizers.json: PyTorch's optimizers replayed on fixed data.

Every case starts from the same parameter vector and applies the same gradient sequence, one optimizer step per
gradient, in float64. The fixture records the inputs, the parameters after every step and the final optimizer
state (PyTorch's state names), so the Java tests replay it without Python.

Run with Debian's python3-torch (PyTorch 1.13):  /usr/bin/python3 tools/reference/optimizers.py
"""
import json
import pathlib

import torch

STEPS = 5
SIZE = 7

# Hyper-parameters use the .nn language's names; to_torch() maps them to PyTorch's keyword arguments.
CASES = [
    ("sgd_plain", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": 1}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.01}),
    ("sgd_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.001}),
    ("perceptron", "PERCEPTRON", {"lr": 1.0}),
    ("adam", "ADAM", {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
    ("adam_weight_decay", "ADAM", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1}),
    ("adamw", "ADAMW", {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.05}),
    ("rmsprop", "RMSPROP", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    ("rmsprop_momentum", "RMSPROP", {"lr": 0.01, "alpha": 0.9, "eps": 1e-8, "weight_decay": 0.01,
                                     "momentum": 0.7}),
    ("adagrad", "ADAGRAD", {"lr": 0.1, "lr_decay": 0.01, "eps": 1e-10}),
    ("adagrad_weight_decay", "ADAGRAD", {"lr": 0.05, "lr_decay": 0.0, "weight_decay": 0.02, "eps": 1e-10}),
]


def to_torch(kind, args, params):
    a = dict(args)
    if kind in ("SGD", "PERCEPTRON"):
        return torch.optim.SGD(params, lr=a["lr"], momentum=a.get("momentum", 0),
                               dampening=a.get("dampening", 0), weight_decay=a.get("weight_decay", 0),
                               nesterov=bool(a.get("nesterov", 0)))
    if kind in ("ADAM", "ADAMW"):
        cls = torch.optim.Adam if kind == "ADAM" else torch.optim.AdamW
        return cls(params, lr=a["lr"], betas=(a["beta1"], a["beta2"]), eps=a["eps"],
                   weight_decay=a.get("weight_decay", 0 if kind == "ADAM" else 0.01))
    if kind == "RMSPROP":
        return torch.optim.RMSprop(params, lr=a["lr"], alpha=a["alpha"], eps=a["eps"],
                                   weight_decay=a.get("weight_decay", 0), momentum=a.get("momentum", 0))
    if kind == "ADAGRAD":
        return torch.optim.Adagrad(params, lr=a["lr"], lr_decay=a["lr_decay"],
                                   weight_decay=a.get("weight_decay", 0), eps=a["eps"])
    raise ValueError(kind)


def main():
    generator = torch.Generator().manual_seed(1234)
    initial = torch.randn(SIZE, generator=generator, dtype=torch.float64)
    grads = [torch.randn(SIZE, generator=generator, dtype=torch.float64) for _ in range(STEPS)]
    cases = []
    for name, kind, args in CASES:
        param = torch.nn.Parameter(initial.clone())
        optimizer = to_torch(kind, args, [param])
        after = []
        for grad in grads:
            param.grad = grad.clone()
            optimizer.step()
            after.append(param.detach().tolist())
        state = {key: value.tolist() for key, value in optimizer.state[param].items()
                 if key != "step" and value is not None}
        cases.append({"name": name, "kind": kind, "args": args, "expected": after, "state": state})
    fixture = {
        "source": "tools/reference/optimizers.py, torch " + torch.__version__,
        "params": initial.tolist(),
        "grads": [g.tolist() for g in grads],
        "cases": cases,
    }
    out = pathlib.Path(__file__).resolve().parents[2] / "runtime/src/test/resources/fixtures/optimizers.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
