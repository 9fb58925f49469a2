#!/usr/bin/env bash
# Fashion-MNIST: a linear probe (scikit-learn logistic regression, C=1, standardised inputs) on the
# embeddings of LatentOps' SimCLR image encoder vs the same probe on the raw pixels, trained on the
# first N training images and tested on the first M test images, beside the same CNN trained supervised
# on the same images (the ceiling). The recipe is ImageTrainingOptions' defaults. Writes
# bench/results/image-probe.md; bench/scripts/image_simclr_variants.py screens recipes (PyTorch copy).
#   bench/scripts/image_probe.sh [N_TRAIN] [N_TEST] [EPOCHS] [THREADS] [SUPERVISED_EPOCHS]
# (IMAGE_PROBE_NO_BUILD=1 skips the Release build and uses the binaries already built)
set -euo pipefail
cd "$(dirname "$0")/../.."
n_train=${1:-5000}; n_test=${2:-2000}; epochs=${3:-10}; threads=${4:-2}; sup_epochs=${5:-$epochs}
data_root=${LATENTOPS_DATASETS:-}
if [ -z "$data_root" ]; then
  for candidate in ../shared/datasets ../../shared/datasets /work/shared/datasets; do
    [ -d "$candidate" ] && data_root=$(cd "$candidate" && pwd) && break
  done
fi
export_dir=$(mktemp -d)
trap 'rm -rf "$export_dir"' EXIT
[ -n "${IMAGE_PROBE_NO_BUILD:-}" ] || dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
started="$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cs=$(dotnet bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll learning image-probe \
  --datasets "$data_root" --train "$n_train" --test "$n_test" --epochs "$epochs" --threads "$threads" --supervised-epochs "$sup_epochs" --out "$export_dir")
echo "LatentOps: $cs"
py=$(/usr/bin/python3 bench/scripts/image_probe.py "$export_dir" "$data_root/images/fashion-mnist" "$n_train" "$n_test")
echo "probe:     $py"
/usr/bin/python3 - "$cs" "$py" "$started" "$n_train $n_test $epochs $threads $sup_epochs" "$(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" > bench/results/image-probe.md.new <<'PY'
import json, sys
cs, py, started, args, ended = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
print("# Fashion-MNIST: linear probe on SimCLR embeddings vs raw pixels\n")
print(f"Command: `bench/scripts/image_probe.sh {args}` (started {started}; ended {ended}).\n")
flip = " + horizontal flip" if cs['horizontalFlip'] else ""
print(f"LatentOps `ImageTrainer` with the `ImageTrainingOptions` defaults (SimCLR: crop scale {cs['minCropScale']}-1 + shift {cs['maxShift']}{flip} + noise {cs['noise']}, "
      f"NT-Xent {cs['temperature']}, batch {cs['batchSize']}, Adam {cs['learningRate']}; CNN layout 2: four 3x3 convs with BatchNorm, {cs['channels']} channels, "
      f"average-pooled to {cs['pool']}x{cs['pool']}, {cs['dim']}-d embedding; seed {cs['seed']}, {cs['threads']} threads) trained {cs['epochs']} epochs on the first "
      f"{cs['trainImages']:,} training images (10% held out for the validation loss); median epoch {cs['medianEpochSeconds']:.1f} s, "
      f"{cs['imagesPerSecond']:,.0f} images/s. Probe: scikit-learn LogisticRegression (C=1, standardised inputs) fitted on "
      f"the same {cs['trainImages']:,} images, accuracy on the first {cs['testImages']:,} test images.\n")
print("| features | test accuracy |")
print("|---|---|")
print(f"| raw pixels (784) | {py['rawPixelAccuracy']:.3f} |")
print(f"| SimCLR embedding ({cs['dim']}) | {py['embeddingAccuracy']:.3f} |")
if cs.get('supervisedAccuracy') is not None:
    print(f"| ceiling: the same CNN trained supervised ({cs['supervisedEpochs']} epochs, linear head) | {cs['supervisedAccuracy']:.3f} |")
print(f"\nPer-epoch train loss: {cs['trainLoss']}; validation loss: {cs['validationLoss']}.")
PY
# Keep the hand-written sections (from "## ") of the previous file below the fresh figures.
if [ -f bench/results/image-probe.md ] && grep -q '^## ' bench/results/image-probe.md; then
  { echo; sed -n '/^## /,$p' bench/results/image-probe.md; } >> bench/results/image-probe.md.new
fi
mv bench/results/image-probe.md.new bench/results/image-probe.md
cat bench/results/image-probe.md
