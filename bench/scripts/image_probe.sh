#!/usr/bin/env bash
# Fashion-MNIST: a linear probe (scikit-learn logistic regression, C=1, standardised inputs) on the
# embeddings of LatentOps' SimCLR image encoder vs the same probe on the raw pixels, trained on the
# first N training images and tested on the first M test images. Writes bench/results/image-probe.md.
#   bench/scripts/image_probe.sh [N_TRAIN] [N_TEST] [EPOCHS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
n_train=${1:-5000}; n_test=${2:-2000}; epochs=${3:-10}; threads=${4:-2}
data_root=${LATENTOPS_DATASETS:-}
if [ -z "$data_root" ]; then
  for candidate in ../shared/datasets ../../shared/datasets /work/shared/datasets; do
    [ -d "$candidate" ] && data_root=$(cd "$candidate" && pwd) && break
  done
fi
export_dir=$(mktemp -d)
trap 'rm -rf "$export_dir"' EXIT
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
started="$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cs=$(dotnet bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll learning image-probe \
  --datasets "$data_root" --train "$n_train" --test "$n_test" --epochs "$epochs" --threads "$threads" --out "$export_dir")
echo "LatentOps: $cs"
py=$(/usr/bin/python3 bench/scripts/image_probe.py "$export_dir" "$data_root/images/fashion-mnist" "$n_train" "$n_test")
echo "probe:     $py"
/usr/bin/python3 - "$cs" "$py" "$started" "$n_train $n_test $epochs $threads" > bench/results/image-probe.md <<'PY'
import json, sys
cs, py, started, args = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
print("# Fashion-MNIST: linear probe on SimCLR embeddings vs raw pixels\n")
print(f"Command: `bench/scripts/image_probe.sh {args}` (started {started}).\n")
print(f"LatentOps `ImageTrainer` (SimCLR: crop + shift + noise, NT-Xent 0.5, CNN {cs['channels']} channels, "
      f"{cs['dim']}-d embedding, seed {cs['seed']}, {cs['threads']} threads) trained {cs['epochs']} epochs on the first "
      f"{cs['trainImages']:,} training images (10% held out for the validation loss); median epoch {cs['medianEpochSeconds']:.1f} s, "
      f"{cs['imagesPerSecond']:,.0f} images/s. Probe: scikit-learn LogisticRegression (C=1, standardised inputs) fitted on "
      f"the same {cs['trainImages']:,} images, accuracy on the first {cs['testImages']:,} test images.\n")
print("| features | test accuracy |")
print("|---|---|")
print(f"| raw pixels (784) | {py['rawPixelAccuracy']:.3f} |")
print(f"| SimCLR embedding ({cs['dim']}) | {py['embeddingAccuracy']:.3f} |")
print(f"\nPer-epoch train loss: {cs['trainLoss']}; validation loss: {cs['validationLoss']}.")
PY
cat bench/results/image-probe.md
