#!/usr/bin/env bash
# Image serving in process: images/s of the fp32 (TorchSharp) and onnx (ONNX Runtime on the exported
# CNN graph) image runtimes at batch 1, 32, 256 on Fashion-MNIST test images, in the same run (ratio
# onnx/fp32), their largest difference, and the request reader's images/s. Prints one JSON document.
#   bench/scripts/image_serving.sh [THREADS] [SECONDS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${1:-1}; seconds=${2:-2}; repeats=${3:-3}
data_root=${LATENTOPS_DATASETS:-}
if [ -z "$data_root" ]; then
  for candidate in ../shared/datasets ../../shared/datasets /work/shared/datasets; do
    [ -d "$candidate" ] && data_root=$(cd "$candidate" && pwd) && break
  done
fi
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll serving-images --data "$data_root/images/fashion-mnist" --threads "$threads" --seconds "$seconds" --repeats "$repeats"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
