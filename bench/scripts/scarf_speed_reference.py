#!/usr/bin/python3
"""PyTorch reference for the SCARF epoch-time benchmark (bench/scripts/scarf_speed.sh).

Reads the exact training input LatentOps used (numeric.npy, categories.npy, architecture.json written
by `learning scarf-speed --export DIR`) and trains the same network the same way: category embeddings
+ MLP (Depth linear layers, HiddenWidth, EmbeddingDimension output), 2-layer projection head, SCARF
corruption (rate 0.6, per column, donors drawn from the empirical marginal), NT-Xent at temperature 1.0,
Adam lr 1e-3, batch 256, torch.set_num_threads(T). Prints one JSON line.
Run with Debian's interpreter: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 ...
"""
import json, os, sys, time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:  # the benchmark skips with a message where PyTorch is missing
    print(json.dumps({"skipped": f"PyTorch/numpy not available for {sys.executable}: {e}"}))
    sys.exit(0)

export = sys.argv[1]
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 6
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)

num = torch.from_numpy(np.load(os.path.join(export, "numeric.npy")))
cats = torch.from_numpy(np.load(os.path.join(export, "categories.npy")))
arch = json.load(open(os.path.join(export, "architecture.json")))
cards, dims = arch["categoryCardinalities"], arch["categoryEmbeddingDimensions"]
hidden, depth, emb = arch["hiddenWidth"], arch["depth"], arch["embeddingDimension"]
n, fn = num.shape
fc = cats.shape[1]

# Column of every numeric feature: LatentOps writes one value (+ a missing flag) per numeric column;
# the flag columns are corrupted together with their value. The export keeps that grouping.
groups = json.load(open(os.path.join(export, "groups.json"))) if os.path.exists(os.path.join(export, "groups.json")) else None
num_col = torch.tensor(groups["numericColumnOf"]) if groups else torch.arange(fn)
cat_col = torch.tensor(groups["categoryColumnOf"]) if groups else torch.arange(fn, fn + fc)
columns = groups["columns"] if groups else fn + fc


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.ModuleList([nn.Embedding(c, d) for c, d in zip(cards, dims)])
        layers, width = [], fn + sum(dims)
        for _ in range(depth - 1):
            layers += [nn.Linear(width, hidden), nn.ReLU()]
            width = hidden
        layers.append(nn.Linear(width, emb))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x, c):
        parts = [x] + [e(c[:, i]) for i, e in enumerate(self.emb)]
        return self.mlp(torch.cat(parts, 1))


encoder = Encoder()
head = nn.Sequential(nn.Linear(emb, hidden), nn.ReLU(), nn.Linear(hidden, emb))
opt = torch.optim.Adam(list(encoder.parameters()) + list(head.parameters()), lr=1e-3)
pool_num, pool_cat = num.reshape(-1), cats.reshape(-1)
num_off, cat_off = torch.arange(fn), torch.arange(fc)


def corrupt(x, c, rate=0.6):
    b = x.shape[0]
    mask = torch.rand(b, columns) < rate
    donors = torch.randint(0, n, (b, columns))
    xm = mask.index_select(1, num_col)
    x2 = torch.where(xm, pool_num.take(donors.index_select(1, num_col) * fn + num_off), x)
    cm = mask.index_select(1, cat_col)
    c2 = torch.where(cm, pool_cat.take(donors.index_select(1, cat_col) * fc + cat_off), c)
    return x2, c2


def nt_xent(a, b, t=1.0):
    bsz = a.shape[0]
    z = F.normalize(torch.cat([a, b]), dim=1)
    sim = (z @ z.t()) / t
    sim = sim.masked_fill(torch.eye(2 * bsz, dtype=torch.bool), -1e9)
    targets = torch.cat([torch.arange(bsz, 2 * bsz), torch.arange(0, bsz)])
    return F.cross_entropy(sim, targets)


times = []
for epoch in range(epochs):
    start = time.perf_counter()
    perm = torch.randperm(n)
    for s in range(0, n, 256):
        idx = perm[s:s + 256]
        if len(idx) < 2:
            continue
        x, c = num[idx], cats[idx]
        x2, c2 = corrupt(x, c)
        loss = nt_xent(head(encoder(x, c)), head(encoder(x2, c2)))
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
    times.append(time.perf_counter() - start)

steady = sorted(times[1:]) or times
blas = "unknown"
try:
    blas = os.path.realpath("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
except OSError:
    pass
print(json.dumps({
    "implementation": f"PyTorch {torch.__version__} (Debian), BLAS {blas}",
    "rows": n, "numericFeatures": fn, "categoricalColumns": fc, "batchSize": 256, "threads": threads,
    "epochSeconds": times, "medianEpochSeconds": steady[len(steady) // 2],
}))
