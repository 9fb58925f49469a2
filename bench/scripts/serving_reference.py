"""PyTorch eager reference for bench/scripts/serving_bench.sh: the same network (category embeddings,
MLP, head + softmax) with the weights LatentOps wrote as .npy, the same preprocessed rows, the same
batch sizes and thread count (each batch size measured `repeats` times, median). Prints one JSON line: rows/s (wall clock and per CPU-second of the process) per batch size and the largest difference
from LatentOps' TorchSharp embeddings (a check that both compute the same function)."""
import json, os, sys, time
import numpy as np
import torch

folder, threads, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
torch.set_num_threads(threads)
meta = json.load(open(os.path.join(folder, "network.json")))
load = lambda name: torch.from_numpy(np.load(os.path.join(folder, name)))


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = torch.nn.ModuleList()
        for i in range(meta["categories"]):
            table = load(f"emb_{i}.npy")
            e = torch.nn.Embedding(table.shape[0], table.shape[1])
            e.weight.data.copy_(table)
            self.embeddings.append(e)
        layers = []
        count = meta["hidden"] + 1
        for i in range(count):
            w, b = load(f"w_{i}.npy"), load(f"b_{i}.npy")
            linear = torch.nn.Linear(w.shape[1], w.shape[0])
            linear.weight.data.copy_(w)
            linear.bias.data.copy_(b)
            layers.append(linear)
            if i < count - 1:
                if meta["layerNorm"]:
                    norm = torch.nn.LayerNorm(w.shape[0])
                    norm.weight.data.copy_(load(f"g_{i}.npy"))
                    norm.bias.data.copy_(load(f"beta_{i}.npy"))
                    layers.append(norm)
                layers.append(torch.nn.ReLU())
        self.mlp = torch.nn.Sequential(*layers)
        w, b = load(f"w_{count}.npy"), load(f"b_{count}.npy")
        self.head = torch.nn.Linear(w.shape[1], w.shape[0])
        self.head.weight.data.copy_(w)
        self.head.bias.data.copy_(b)

    def forward(self, numeric, categories):
        parts = [numeric] + [e(categories[:, i]) for i, e in enumerate(self.embeddings)]
        h = self.mlp(torch.cat(parts, 1))
        return h, torch.softmax(self.head(h), 1)


net = Net().eval()
numeric, categories = load("numeric.npy"), load("categories.npy")
with torch.inference_mode():
    embedding, _ = net(numeric, categories)
difference = float((embedding - load("embedding_fp32.npy")).abs().max())
samples = {str(b): [] for b in (1, 32, 256)}
cpu_samples = {str(b): [] for b in (1, 32, 256)}
with torch.inference_mode():
    for repeat in range(repeats):
        for batch in (1, 32, 256):
            slices = [(numeric[s:s + batch].clone(), categories[s:s + batch].clone())
                      for s in [(i * batch * 3) % max(1, numeric.shape[0] - batch) for i in range(8)]]
            for i in range(3):
                net(*slices[i % 8])
            done, n, start, cpu_start = 0, 0, time.perf_counter(), time.process_time()
            while time.perf_counter() - start < seconds / repeats:
                net(*slices[n % 8])
                n += 1
                done += batch
            samples[str(batch)].append(done / (time.perf_counter() - start))
            cpu_samples[str(batch)].append(done / max(1e-9, time.process_time() - cpu_start))
# The median of the repeats, as the C# side reports.
median = lambda v: sorted(v)[len(v) // 2] if len(v) % 2 else (sorted(v)[len(v) // 2 - 1] + sorted(v)[len(v) // 2]) / 2
rows = {b: round(median(v)) for b, v in samples.items()}
cpu_rows = {b: round(median(v)) for b, v in cpu_samples.items()}
print(json.dumps({"torch": torch.__version__, "threads": threads, "blas": torch.__config__.show().split("BLAS_INFO=")[-1].split(",")[0] if "BLAS_INFO=" in torch.__config__.show() else "unknown",
                  "maxEmbeddingDifference": difference, "rowsPerSecond": rows, "rowsPerCpuSecond": cpu_rows, "samples": {b: [round(x) for x in v] for b, v in samples.items()}}))
