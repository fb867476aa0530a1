"""PyTorch reference loop for `npm run bench`: LeNet-300-100 on MNIST, batch 64, Caffe's SGD.

Same model (784-300-100-10, ReLU), data (public/datasets/mnist, x/255), batch and solver as the
lab (SGD, momentum 0.9, weight decay 5e-4, biases at 2x the rate, Caffe `inv` policy). Three steps,
timed in interleaved blocks so machine noise hits them alike:
  dense: the plain step;
  dns:   DNS with fixed masks (after iter_stop): forward on W*T, the dense gradient updates every W;
  dns+surgery: the same plus the DNS mask rule every step (cut |w| < a, splice |w| > b).
Prints ms/step (medians over blocks); `--json` prints one JSON line instead.
Run: /usr/bin/python3 bench/torch_dns.py [--threads 2] [--blocks 7] [--steps 40] [--json]
"""

import argparse
import gzip
import json
import os
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "public", "datasets", "mnist")
SIZES = [784, 300, 100, 10]


def load_mnist():
    with gzip.open(os.path.join(DATA, "mnist-train-images.u8.gz")) as f:
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(-1, 784)
    with gzip.open(os.path.join(DATA, "mnist-train-labels.u8.gz")) as f:
        y = np.frombuffer(f.read(), dtype=np.uint8)
    return torch.from_numpy(x.copy()), torch.from_numpy(y.astype(np.int64))


class Run:
    """One network, its solver and its batches; `masked` uses W*T in the forward pass (DNS)."""

    def __init__(self, x, y, masked, surgery, density, seed):
        g = torch.Generator().manual_seed(seed)
        self.x, self.y, self.masked, self.surgery = x, y, masked, surgery
        self.w, self.b, self.tw, self.tb = [], [], [], []
        for n, m in zip(SIZES[:-1], SIZES[1:]):
            s = (3.0 / n) ** 0.5  # Caffe xavier
            w = ((torch.rand(m, n, generator=g) * 2 - 1) * s).requires_grad_()
            b = torch.zeros(m, requires_grad=True)
            # Keep the largest |w| at `density` (a DNS network after its first cut).
            k = max(1, int(density * w.numel()))
            thr = w.detach().abs().flatten().kthvalue(w.numel() - k + 1).values
            self.w.append(w)
            self.b.append(b)
            self.tw.append((w.detach().abs() >= thr).float())
            self.tb.append(torch.ones(m))
        # Caffe: lr_mult 1 for weights, 2 for biases; weight decay on both.
        self.opt = torch.optim.SGD(
            [{"params": self.w, "lr_mult": 1.0}, {"params": self.b, "lr_mult": 2.0}],
            lr=0.01,
            momentum=0.9,
            weight_decay=5e-4,
        )
        self.order = torch.randperm(x.shape[0], generator=g)
        self.pos = 0
        self.t = 0
        self.g = g

    def batch(self, size=64):
        if self.pos + size > self.order.numel():
            self.order = torch.randperm(self.x.shape[0], generator=self.g)
            self.pos = 0
        idx = self.order[self.pos : self.pos + size]
        self.pos += size
        return self.x[idx].float().div_(255.0), self.y[idx]

    def step(self):
        xb, yb = self.batch()
        lr = 0.01 * (1 + 1e-4 * self.t) ** -0.75  # Caffe inv policy
        for grp in self.opt.param_groups:
            grp["lr"] = lr * grp["lr_mult"]
        h = xb
        for k in range(3):
            w, b = self.w[k], self.b[k]
            if self.masked:
                w, b = w * self.tw[k], b * self.tb[k]
            h = F.linear(h, w, b)
            if k < 2:
                h = F.relu(h)
        loss = F.cross_entropy(h, yb)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()  # dense gradient w.r.t. W*T reaches every W (straight-through)
        self.opt.step()
        if self.surgery:
            with torch.no_grad():
                for k in range(3):
                    # Guo et al. 2016, eq. (3): cut below a, splice above b (a = 0.9 b here).
                    a = self.w[k].abs().mean()
                    t = self.tw[k]
                    t.copy_(torch.where(self.w[k].abs() > 1.1 * a, 1.0, torch.where(self.w[k].abs() < a, 0.0, t)))
        self.t += 1


def input_line():
    try:
        return input()
    except EOFError:
        return None


def timed(run, steps):
    t0 = time.perf_counter()
    for _ in range(steps):
        run.step()
    return (time.perf_counter() - t0) * 1000 / steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--blocks", type=int, default=7)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--density", type=float, default=0.02)
    p.add_argument("--json", action="store_true")
    p.add_argument("--serve", action="store_true", help="read 'NAME STEPS' lines, answer ms/step")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x, y = load_mnist()
    runs = {
        "dense": Run(x, y, False, False, a.density, 1),
        "dns": Run(x, y, True, False, a.density, 1),
        "dnsSurgery": Run(x, y, True, True, a.density, 1),
    }
    for r in runs.values():
        timed(r, 10)
    if a.serve:
        # For bench/vsTorch.ts: blocks interleaved with the lab's, one process for the whole run.
        print(json.dumps({"ready": True, "torch": torch.__version__, "threads": a.threads}), flush=True)
        for line in iter(input_line, None):
            name, steps = line.split()
            print(json.dumps({"ms": timed(runs[name], int(steps))}), flush=True)
        return
    ms = {k: [] for k in runs}
    for _ in range(a.blocks):
        for k, r in runs.items():
            ms[k].append(timed(r, a.steps))
    med = {k: statistics.median(v) for k, v in ms.items()}
    if a.json:
        print(json.dumps({"torch": torch.__version__, "threads": a.threads, "msPerStep": med}))
    else:
        print(f"PyTorch {torch.__version__}, {a.threads} threads, LeNet-300-100 batch 64, medians of {a.blocks} blocks of {a.steps}")
        for k, v in med.items():
            print(f"  {k:<11} {v:7.2f} ms/step")


if __name__ == "__main__":
    main()
