#!/usr/bin/env bash
# SCARF epoch time, LatentOps (TorchSharp) vs Debian's PyTorch, in the same run, on lending_club:
# the same network (category embeddings + MLP 4 x 256, 256-d output, 2-layer head), the same input
# (LatentOps exports its preprocessed training rows), batch 256, 2 threads, Adam. Median epoch time
# after the first (warm-up) epoch; ratio = LatentOps / PyTorch (<= 1.0 means no slower).
#   bench/scripts/scarf_speed.sh [EPOCHS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs=${1:-4}; threads=${2:-2}
data_root=${LATENTOPS_DATASETS:-}
if [ -z "$data_root" ]; then
  for candidate in ../shared/datasets ../../shared/datasets; do
    [ -d "$candidate" ] && data_root=$(cd "$candidate" && pwd) && break
  done
fi
export_dir=$(mktemp -d)
trap 'rm -rf "$export_dir"' EXIT
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%dT%H:%MZ)"
cs=$(dotnet bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll learning scarf-speed \
  --data "$data_root/tabular/lending_club.csv" --epochs "$epochs" --threads "$threads" --export "$export_dir")
echo "LatentOps: $cs"
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "skipped the PyTorch reference: /usr/bin/python3 with python3-torch is not installed (apt-get install python3-torch)"
  exit 0
fi
py=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/scripts/scarf_speed_reference.py "$export_dir" "$epochs" "$threads")
echo "PyTorch:   $py"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$cs" "$py" <<'PY'
import json, sys
cs, py = json.loads(sys.argv[1]), json.loads(sys.argv[2])
if "skipped" in py:
    print(py["skipped"]); sys.exit(0)
ratio = cs["medianEpochSeconds"] / py["medianEpochSeconds"]
print(f"median epoch: LatentOps {cs['medianEpochSeconds']:.3f} s, PyTorch {py['medianEpochSeconds']:.3f} s, ratio {ratio:.2f} (goal <= 1.0)")
PY
