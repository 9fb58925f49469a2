#!/usr/bin/env bash
# The representation-quality table of issue #4: SCARF / DAE encoders trained by LatentOps on each
# dataset for several seeds, probes and baselines by scikit-learn, written to bench/results/learning-quality.md.
#   bench/scripts/quality_table.sh [SEEDS] [EPOCHS] [MAX_TRAIN_ROWS] [DATASETS...]
# Passes: $QUALITY_PASSES (default "encoders tuned"): `encoders` trains SCARF/DAE/fine-tune/scratch per seed,
# `tuned` runs the search `latentops tune` does ($QUALITY_TUNED_TRIALS candidates, default 12, successive
# halving to EPOCHS) on the same training rows; the table is rebuilt from whatever the data folder holds.
# LibTorch threads per training: $QUALITY_THREADS (default 1: on a shared, oversubscribed 2-core machine
# a second OpenMP thread mostly waits at barriers).
# Datasets come from $LATENTOPS_DATASETS, else ../shared/datasets or ../../shared/datasets. Python: Debian's /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=${1:-3}; epochs=${2:-60}; max_rows=${3:-0}; shift $(( $# < 3 ? $# : 3 ))
datasets=("$@"); [ ${#datasets[@]} -eq 0 ] && datasets=(breast_cancer digits credit_data lending_club birdstrikes)
data_root=${LATENTOPS_DATASETS:-}
if [ -z "$data_root" ]; then
  for candidate in ../shared/datasets ../../shared/datasets; do
    [ -d "$candidate" ] && data_root=$(cd "$candidate" && pwd) && break
  done
fi
[ -d "$data_root" ] || { echo "datasets not found: set LATENTOPS_DATASETS" >&2; exit 1; }
out=bench/results/quality-data
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
for d in "${datasets[@]}"; do
  echo "== $d ($(date -u +%H:%M:%S))" >&2
  for pass in ${QUALITY_PASSES:-encoders tuned}; do
    case "$pass" in
      encoders) bench=quality ;;
      tuned) bench=quality-tuned ;;
      *) echo "unknown pass '$pass' in QUALITY_PASSES; allowed: encoders, tuned" >&2; exit 1 ;;
    esac
    dotnet bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll learning "$bench" \
      --dataset "$d" --seeds "$seeds" --epochs "$epochs" --max-train-rows "$max_rows" --threads "${QUALITY_THREADS:-1}" \
      --tuned-trials "${QUALITY_TUNED_TRIALS:-12}" --datasets "$data_root" --out "$out"
  done
done
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/scripts/quality_table.py "$out" bench/results/learning-quality.md \
  "bench/scripts/quality_table.sh $seeds $epochs $max_rows ${datasets[*]}"
