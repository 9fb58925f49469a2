"""Cheap screening of SimCLR recipes for LatentOps' small image CNN, in PyTorch (a faithful copy of the
C# ImageEncoderModule / ImageAugmentation / NT-Xent): every variant trains on the same first N
Fashion-MNIST training images with the same seed and budget, then a scikit-learn logistic regression
(C=1, standardised inputs, as bench/scripts/image_probe.py) is fitted on the train embeddings and scored
on the first M test images. Prints one JSON line per variant.
  /usr/bin/python3 bench/scripts/image_simclr_variants.py N_TRAIN N_TEST EPOCHS VARIANT [VARIANT...]
A variant is comma-separated key=value overrides of the defaults below, e.g. "bn=1,pool=2,tau=0.2"."""
import gzip, json, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

torch.set_num_threads(1)
FOLDER = "/work/shared/datasets/images/fashion-mnist"
DEFAULTS = dict(arch="old", bn=0, pool=1, ch=64, dim=64, tau=0.5, bs=256, lr=1e-3, crop=0.7, shift=0.1,
                noise=0.05, flip=0, seed=0, sup=0, outrelu=0)


def images(name, n):
    raw = gzip.open(f"{FOLDER}/{name}").read()
    return np.frombuffer(raw[16:16 + n * 784], np.uint8).reshape(n, 1, 28, 28).astype(np.float32) / 255


def labels(name, n):
    return np.frombuffer(gzip.open(f"{FOLDER}/{name}").read()[8:8 + n], np.uint8).astype(np.int64)


class Encoder(nn.Module):
    def __init__(self, v):
        super().__init__()
        w = v["ch"]
        bn = (lambda c: [nn.BatchNorm2d(c)]) if v["bn"] else (lambda c: [])
        if v["arch"] == "old":  # conv s1, conv s2, conv s2: 28 -> 28 -> 14 -> 7
            layers = [nn.Conv2d(1, w // 2, 3, 1, 1), *bn(w // 2), nn.ReLU(),
                      nn.Conv2d(w // 2, w, 3, 2, 1), *bn(w), nn.ReLU(),
                      nn.Conv2d(w, w, 3, 2, 1), *bn(w), nn.ReLU()]
            side = 7
        elif v["arch"] == "s2x3":  # three stride-2 convs after a stride-1 one: 28 -> 28 -> 14 -> 7 -> 4
            layers = [nn.Conv2d(1, w // 2, 3, 1, 1), *bn(w // 2), nn.ReLU(),
                      nn.Conv2d(w // 2, w, 3, 2, 1), *bn(w), nn.ReLU(),
                      nn.Conv2d(w, w, 3, 2, 1), *bn(w), nn.ReLU(),
                      nn.Conv2d(w, w, 3, 2, 1), *bn(w), nn.ReLU()]
            side = 4
        elif v["arch"] == "vgg":  # conv conv maxpool conv conv maxpool: 28 -> 14 -> 7
            layers = [nn.Conv2d(1, w // 2, 3, 1, 1), *bn(w // 2), nn.ReLU(),
                      nn.Conv2d(w // 2, w // 2, 3, 1, 1), *bn(w // 2), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(w // 2, w, 3, 1, 1), *bn(w), nn.ReLU(),
                      nn.Conv2d(w, w, 3, 1, 1), *bn(w), nn.ReLU(), nn.MaxPool2d(2)]
            side = 7
        pool = v["pool"] if v["pool"] > 0 else side
        layers += [nn.AdaptiveAvgPool2d(pool), nn.Flatten()]
        self.body = nn.Sequential(*layers)
        self.features = w * pool * pool
        self.out = nn.Sequential(nn.Linear(self.features, v["dim"]), *([nn.ReLU()] if v["outrelu"] else []))

    def forward(self, x):
        h = self.body(x)
        return h, self.out(h)


def augment(x, g, v):
    b = x.shape[0]
    scale = torch.rand(b, generator=g) * (1 - v["crop"]) + v["crop"]
    dx = (torch.rand(b, generator=g) * 2 - 1) * v["shift"] * 2
    dy = (torch.rand(b, generator=g) * 2 - 1) * v["shift"] * 2
    sx = scale
    if v["flip"]:
        sx = scale * torch.where(torch.rand(b, generator=g) < 0.5, -1.0, 1.0)
    z = torch.zeros(b)
    theta = torch.stack([torch.stack([sx, z, dx], 1), torch.stack([z, scale, dy], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    y = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return (y + torch.randn(y.shape, generator=g) * v["noise"]).clamp(0, 1)


def nt_xent(a, b, tau):
    n = a.shape[0]
    z = F.normalize(torch.cat([a, b]), dim=1)
    s = (z @ z.t() / tau).masked_fill(torch.eye(2 * n, dtype=torch.bool), -1e9)
    t = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(s, t)


def run(v, xtr, ytr, xte, yte, epochs):
    torch.manual_seed(v["seed"])
    enc = Encoder(v)
    d = v["dim"]
    head = nn.Linear(d, 10) if v["sup"] else nn.Sequential(nn.Linear(d, v["ch"]), nn.ReLU(), nn.Linear(v["ch"], d))
    opt = torch.optim.Adam([*enc.parameters(), *head.parameters()], v["lr"])
    g = torch.Generator().manual_seed(v["seed"])
    x, y = torch.from_numpy(xtr), torch.from_numpy(ytr)
    start, losses = time.time(), []
    for _ in range(epochs):
        enc.train(); head.train()
        perm, total, steps = torch.randperm(len(x), generator=g), 0.0, 0
        for i in range(0, len(x), v["bs"]):
            idx = perm[i:i + v["bs"]]
            if len(idx) < 2:
                continue
            if v["sup"]:
                loss = F.cross_entropy(head(enc(x[idx])[1]), y[idx])
            else:
                loss = nt_xent(head(enc(augment(x[idx], g, v))[1]), head(enc(augment(x[idx], g, v))[1]), v["tau"])
            opt.zero_grad(); loss.backward(); opt.step()
            total += loss.item(); steps += 1
        losses.append(round(total / steps, 4))
    seconds = time.time() - start
    enc.eval(); head.eval()
    with torch.no_grad():
        if v["sup"]:
            acc_sup = float((head(enc(torch.from_numpy(xte))[1]).argmax(1).numpy() == yte).mean())
        feats = {}
        for name, data in (("train", xtr), ("test", xte)):
            h, e = enc(torch.from_numpy(data))
            feats[name] = {"emb": e.numpy(), "pool": h.numpy()}
    out = dict(variant={k: v[k] for k in v if v[k] != DEFAULTS[k]}, seconds=round(seconds, 1), loss=losses)
    for which in ("emb", "pool"):
        scaler = StandardScaler().fit(feats["train"][which])
        model = LogisticRegression(max_iter=2000, C=1.0).fit(scaler.transform(feats["train"][which]), ytr)
        out[f"probe_{which}"] = round(float((model.predict(scaler.transform(feats["test"][which])) == yte).mean()), 4)
    if v["sup"]:
        out["supervised"] = round(acc_sup, 4)
    return out


def main():
    n_train, n_test, epochs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    xtr, ytr = images("train-images-idx3-ubyte.gz", n_train), labels("train-labels-idx1-ubyte.gz", n_train)
    xte, yte = images("t10k-images-idx3-ubyte.gz", n_test), labels("t10k-labels-idx1-ubyte.gz", n_test)
    for spec in sys.argv[4:]:
        v = dict(DEFAULTS)
        for kv in filter(None, spec.split(",")):
            k, val = kv.split("=")
            v[k] = type(DEFAULTS[k])(val) if not isinstance(DEFAULTS[k], str) else val
        print(json.dumps(run(v, xtr, ytr, xte, yte, epochs)), flush=True)


if __name__ == "__main__":
    main()
