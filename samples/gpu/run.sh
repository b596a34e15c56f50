#!/usr/bin/env bash
# The GPU check, run on the GPU machine from the repository root after samples/gpu/prepare.sh
# here (its output travels in .device/). In one call: FashionBaseline and FashionMild through
# Hasten on the GPU, and the same baseline model in plain PyTorch eager on the same GPU.
#
# DJL's PyTorch JNI must match the machine's libtorch. pytorch-jni 2.7.1-0.36.0 carries a cu128
# JNI built against libtorch 2.7.1; set HASTEN_DJL_JNI to a libdjl_torch.so built against the
# machine's libtorch to use that one instead.
set -uo pipefail
results="${OUT:-/tmp/hasten-gpu}"
mkdir -p "$results"
tar -C /tmp -xJf .device/jre.tar.xz
java=/tmp/jre/bin/java
torch_lib=$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, torch.cuda.get_device_name(0))'
export PYTORCH_LIBRARY_PATH="$torch_lib" PYTORCH_FLAVOR=cu128 PYTORCH_VERSION=2.7.1 DJL_OFFLINE=true
if [ -n "${HASTEN_DJL_JNI:-}" ]; then
  cache="$HOME/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64"
  mkdir -p "$cache" && cp "$HASTEN_DJL_JNI" "$cache/0.36.0-libdjl_torch.so"
fi
hasten() {
  "$java" -Dai.djl.offline=true -cp ".device/lib/*" dev.hasten.runtime.cli.HastenCli "$@"
}

echo "== PyTorch eager, FashionBaseline's model, batch 128, 8 epochs"
python3 samples/gpu/pytorch_baseline.py .device/data 8 2>&1 | tee "$results/pytorch.txt"

for pipeline in FashionBaseline FashionMild; do
  echo "== Hasten $pipeline on the GPU"
  hasten train "$pipeline" --device gpu --data .device/data --out "/tmp/runs/$pipeline" --no-progress \
    2>&1 | grep -v '^\s*at ' | tail -25 | tee "$results/hasten-$pipeline.txt"
  cp "/tmp/runs/$pipeline/metrics.jsonl" "$results/$pipeline-metrics.jsonl" 2>/dev/null
done
