"""Where int8 embedding error comes from, simulated in numpy on the weights and held-out rows that
`LatentOps.Benchmarks serving local --export DIR` writes (the same files serving_reference.py reads).
Quantizes one layer's weights or activations at a time, then whole schemes (weight bits x activation
bits, first/last layer kept in float32, per-group weight scales), and prints the largest embedding
difference and recall@10 (cosine, query excluded, all rows as queries) against the fp32 embeddings.
Quantization as the runtimes do it: symmetric per output channel weights, per-row dynamic activations
(unsigned for non-negative rows, symmetric otherwise), round half to even, exact integer sums.
    /usr/bin/python3 bench/scripts/int8_error_sources.py DIR
Measured 2026-11-28 on the bench model (int8 = W8A16 first layer fp32: recall 0.990; W7A8: 0.967;
any single layer with 8-bit activations: <= 0.992; 8-bit weights of one layer: ~0.993)."""
import json, os, sys
import numpy as np

folder = sys.argv[1]
load = lambda name: np.load(os.path.join(folder, name))
meta = json.load(open(os.path.join(folder, "network.json")))
numeric, categories = load("numeric.npy").astype(np.float32), load("categories.npy")
tables = [load(f"emb_{i}.npy") for i in range(meta["categories"])]
depth = meta["hidden"] + 1
Ws = [load(f"w_{i}.npy").astype(np.float32) for i in range(depth)]
Bs = [load(f"b_{i}.npy").astype(np.float32) for i in range(depth)]
if meta["layerNorm"]:
    sys.exit("LayerNorm models are not simulated here.")
x0 = np.concatenate([numeric] + [t[categories[:, i]] for i, t in enumerate(tables)], 1).astype(np.float32)
reference = load("embedding_fp32.npy")


def quantize_weights(W, bits, group=None):
    m = (1 << (bits - 1)) - 1
    out = np.empty_like(W)
    step = group or W.shape[1]
    for g in range(0, W.shape[1], step):
        block = W[:, g:g + step]
        s = np.abs(block).max(1, keepdims=True) / m
        s[s == 0] = 1
        out[:, g:g + step] = np.clip(np.rint(block / s), -m, m) * s
    return out


def quantize_rows(h, bits):
    top = (1 << bits) - 1
    lo, hi = h.min(1), h.max(1)
    s = np.where(lo >= 0, hi / top, np.maximum(-lo, hi) / (top // 2))
    s[s == 0] = 1
    return (np.rint(h / s[:, None]) * s[:, None]).astype(np.float32)


def forward(plan):
    """plan[i] = (weight bits or None, activation bits or None, weight group or None)."""
    h = x0
    for i in range(depth):
        W = Ws[i]
        wbits, abits, group = plan[i]
        if wbits:
            W = quantize_weights(W, wbits, group)
        if abits:
            h = quantize_rows(h, abits)
        h = (h.astype(np.float64) @ W.T.astype(np.float64) + Bs[i]).astype(np.float32)
        if i < depth - 1:
            h = np.maximum(h, 0)
    return h


def recall(other, k=10):
    a = reference / np.linalg.norm(reference, axis=1, keepdims=True)
    b = other / np.linalg.norm(other, axis=1, keepdims=True)
    found = 0
    for start in range(0, len(a), 256):
        sa, sb = a[start:start + 256] @ a.T, b[start:start + 256] @ b.T
        for q in range(sa.shape[0]):
            sa[q, start + q] = sb[q, start + q] = -np.inf
        ta = np.argsort(-sa, 1, kind="stable")[:, :k]
        tb = np.argsort(-sb, 1, kind="stable")[:, :k]
        found += sum(len(set(x) & set(y)) for x, y in zip(ta, tb))
    return found / (len(a) * k)


def report(name, plan):
    e = forward(plan)
    print(f"{name:55s} max|Δe| {np.abs(e - reference).max():.2e}  recall@10 {recall(e):.4f}", flush=True)


none = (None, None, None)
for layer in range(depth):
    report(f"layer {layer}: 8-bit weights only", [(8, None, None) if i == layer else none for i in range(depth)])
    report(f"layer {layer}: 8-bit activations only", [(None, 8, None) if i == layer else none for i in range(depth)])
for wbits, abits, first, last, group in [(7, 8, True, False, None), (7, 8, True, True, None), (8, 8, True, True, None),
                                         (8, 16, True, False, None), (8, 16, False, False, None), (8, 16, True, True, None),
                                         (8, 16, True, False, 64), (10, 13, True, False, None)]:
    plan = [none if (i == 0 and first) or (i == depth - 1 and last) else (wbits, abits, group) for i in range(depth)]
    report(f"W{wbits}A{abits} first {'fp32' if first else 'int'} last {'fp32' if last else 'int'}" + (f" group {group}" if group else ""), plan)
