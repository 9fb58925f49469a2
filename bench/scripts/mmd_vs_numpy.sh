#!/usr/bin/env bash
# MMD permutation test, LatentOps (C#) vs numpy, in the same run on the same data.
# 5,000 + 5,000 rows x 64 dims (the second set shifted by 0.02 in every component), 1,000 permutations.
# Usage: bash bench/scripts/mmd_vs_numpy.sh [REPEATS]   (from the repository root)
# Writes bench/results/mmd-vs-numpy.md. The reference runs with Debian's /usr/bin/python3 and its BLAS;
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for it only (they slow a current OpenBLAS).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
M=5000; N=5000; D=64; B=1000
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
/usr/bin/python3 -c "
import numpy as np
rng = np.random.default_rng(42)
x = rng.normal(0, 1, ($M, $D)); y = rng.normal(0.02, 1, ($N, $D))
np.vstack([x, y]).astype(np.float32).tofile('$WORK/input.f32')"
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
DLL=bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll
OUT="$WORK/out.jsonl"
LOAD="$WORK/load.txt"
for i in $(seq 1 "$REPEATS"); do
  cut -d' ' -f1 /proc/loadavg >> "$LOAD"
  dotnet "$DLL" mmd-side-by-side "$WORK/input.f32" $M $N $D $B 1 | tee -a "$OUT"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/scripts/mmd_reference.py "$WORK/input.f32" $M $N $D $B 1 float64 | tee -a "$OUT"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/scripts/mmd_reference.py "$WORK/input.f32" $M $N $D $B 1 float32 | tee -a "$OUT"
done
cut -d' ' -f1 /proc/loadavg >> "$LOAD"
/usr/bin/python3 - "$OUT" "$REPEATS" "$LOAD" <<'PY' > bench/results/mmd-vs-numpy.md
import json, sys, statistics, platform, subprocess, datetime
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault(r["impl"], []).append(r)
med = {k: statistics.median(x["seconds"] for x in v) for k, v in by.items()}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print("# MMD permutation test: LatentOps vs numpy\n")
loads = [float(l) for l in open(sys.argv[3])]
print(f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu}, {subprocess.check_output(['nproc']).decode().strip()} cores (shared, noisy), "
      f"{sys.argv[2]} alternating repetitions each; median wall time. 1-minute load average at each repetition's start and at the end: "
      f"{', '.join('%.1f' % x for x in loads)} (median {statistics.median(loads):.1f}).\n")
print("Command: `bash bench/scripts/mmd_vs_numpy.sh " + sys.argv[2] + "`\n")
print("Task: 5,000 + 5,000 rows x 64 dims (current shifted by 0.02 per component), RBF kernel with median-heuristic bandwidth, "
      "unbiased MMD², 1,000 permutations, p = (1 + #{perm >= observed}) / 1001. Whole test timed: distances, median, kernel, permutations.\n")
print("| implementation | median seconds | runs | ratio (numpy / LatentOps) | MMD² | sigma | p |")
print("|---|---|---|---|---|---|---|")
base = med["latentops"]
for k in ["latentops", "numpy-float64", "numpy-float32"]:
    if k in by:
        r = by[k][0]
        print(f"| {k} | {med[k]:.3f} | {', '.join('%.2f' % x['seconds'] for x in by[k])} | {med[k] / base:.1f}x | {r['mmd2']:.6g} | {r['sigma']:.6g} | {r['p']:.4f} |")
if "numpy-float64" in by:
    pairs = [f["seconds"] / l["seconds"] for l, f in zip(by["latentops"], by["numpy-float64"])]
    print(f"\nPer repetition (numpy-float64 / LatentOps, run back to back): {', '.join('%.2fx' % x for x in pairs)}; median {statistics.median(pairs):.2f}x.")
blas = by.get("numpy-float64", [{}])[0].get("blas", "?")
print(f"\nnumpy {by.get('numpy-float64', [{}])[0].get('numpy', '?')}, BLAS: `{blas}` (run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset). "
      f"LatentOps: .NET Release build, AVX2 = {by['latentops'][0]['avx2']}, threads = {by['latentops'][0]['threads']}.\n")
print("numpy-float64 is the reference formulation (REFERENCE-RESULTS.md: one GEMM of K with a batch of permutation indicator vectors). "
      "numpy-float32 is the same code in float32, shown so the gain from float32 alone is visible. "
      "p-values differ between implementations only because the random permutations differ.")
PY
cat bench/results/mmd-vs-numpy.md
