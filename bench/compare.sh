#!/usr/bin/env bash
# Neurite against PyTorch on the same CPU, model, data, batch, epochs and threads, back to back; prints one table.
#
#   bench/compare.sh [EPOCHS] [THREADS] [RUNS]      (defaults: 5 epochs, 2 threads, 1 run)
#
# Installs what it needs when missing (Debian packages python3-torch, libopenblas0-openmp, dataset-fashion-mnist),
# builds Neurite's command line, then for fashion_mnist.nn (784-512-512-10) and mnist_mlp.nn (784-128-64-10) runs
#   neurite train MODEL.nn --epochs E --metrics FILE         (the launcher at the repository root, its JVM options;
#                                                             JAVA_HOME and NEURITE_JAVA_OPTS are honoured)
#   python3 bench/pytorch_train.py --model M --epochs E      (OpenBLAS-OpenMP, SkylakeX kernels, flush-denormal)
# Both train with Adam(1e-3), batch 64, on the 60,000 Fashion-MNIST training images and report the mean training
# seconds per epoch (validation excluded), test accuracy after the last epoch, inference samples/s at batch 64 and
# 1024 (2 s each, after 1 s of the same passes untimed) and peak resident memory. Neurite's start-up is JVM start
# to a compiled, loaded model; "first step" is process start to the first training step for both (start-up,
# importing torch, loading the data).
# With BUSY=1 in the environment, a busy loop (`sh -c 'while :; do :; done'`, one core's worth of other load, like
# a laptop's or a shared machine's other work) runs beside every run of both frameworks, inference included.
# With RUNS > 1 the Neurite and PyTorch runs alternate RUNS times; the table shows each column's median and the
# s/epoch ratio of every run, since other load on the machine moves single runs by 10-20%. The first line says what
# the CPU could do before and after the runs (bench/src/main/java/dev/neurite/bench/PeakFlops.java, a register-only
# loop of fused multiply-adds run as a single source file).
set -euo pipefail

epochs="${1:-5}"
threads="${2:-2}"
runs="${3:-1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
# BUSY=1: one busy loop beside each run, started before it and stopped after it.
busy_pid=""
busy_start() { [[ "${BUSY:-0}" == 1 ]] && { sh -c 'while :; do :; done' & busy_pid=$!; }; true; }
busy_stop() { [[ -n "$busy_pid" ]] && { kill "$busy_pid"; wait "$busy_pid" 2>/dev/null || true; busy_pid=""; }; true; }
trap 'busy_stop; rm -rf "$work"' EXIT

# Debian's python3-torch lives in the system interpreter, not in a pyenv or venv one.
python=/usr/bin/python3
need=()
"$python" -c 'import torch' 2>/dev/null || need+=(python3-torch)
[[ -f /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ]] || need+=(libopenblas0-openmp)
[[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]] || need+=(dataset-fashion-mnist)
if ((${#need[@]})); then
    echo "installing ${need[*]}..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

echo "building Neurite..." >&2
(cd "$root" && mvn -B -q -DskipTests package -pl cli -am) >&2
# Small runs first, so that the launcher's class-data-sharing archive exists and both models are in the class
# cache before start-up is measured: the table shows a repeated run's start-up (a first run also compiles the
# generated class, ~0.5-0.9 s more, and its warm-up then has that long to compile the kernels).
"$root/neurite" train "$root/examples/src/main/nn/xor.nn" --model Xor --epochs 1 --out "$work/xor" --no-progress > /dev/null 2>&1
for model in fashion_mnist mnist_mlp; do
    "$root/neurite" train "$root/examples/src/main/nn/$model.nn" --epochs 1 --limit 640 --out "$work/$model" \
        --no-progress > /dev/null 2>&1
done

# What the CPU can do right now (a register-only FMA loop), before and after the runs: on a VM that shares its
# cores with other guests this moves by up to 2x within the hour, and the table is only as good as the machine.
peak() {
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" --add-modules jdk.incubator.vector \
        "$root/bench/src/main/java/dev/neurite/bench/PeakFlops.java" "$threads" 2>/dev/null \
        || echo "FMA peak: not measured"
}
machine="$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs"
peak_before="$(peak)"
echo "machine: $machine; load before: $(cut -d' ' -f1-3 /proc/loadavg); $peak_before" >&2

[[ "${BUSY:-0}" == 1 ]] && echo "BUSY=1: a busy loop runs beside every run" >&2

for run in $(seq 1 "$runs"); do
    for model in fashion_mnist mnist_mlp; do
        echo "== run $run, $model: Neurite ($epochs epochs, $threads threads)" >&2
        busy_start
        "$root/neurite" train "$root/examples/src/main/nn/$model.nn" --epochs "$epochs" --threads "$threads" \
            --out "$work/$model" --no-progress --metrics "$work/$model.neurite.$run.json" \
            > "$work/$model.neurite.log" 2>&1 || { cat "$work/$model.neurite.log" >&2; exit 1; }
        busy_stop
        echo "== run $run, $model: PyTorch" >&2
        busy_start
        LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OPENBLAS_CORETYPE=SkylakeX \
            OMP_NUM_THREADS="$threads" "$python" "$root/bench/pytorch_train.py" --model "$model" --epochs "$epochs" \
            --threads "$threads" > "$work/$model.torch.$run.json"
        busy_stop
    done
done

peak_after="$(peak)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); $peak_after" >&2

"$python" - "$work" "$epochs" "$threads" "$runs" "$machine" "$peak_before" "$peak_after" "${BUSY:-0}" <<'PY'
import json, statistics, sys
work, epochs, threads, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
machine, peak_before, peak_after, busy = sys.argv[5:9]
print(f"{machine}; {peak_before} before the runs, {peak_after.split(': ', 1)[-1]} after them")
print(f"{epochs} epochs, batch 64, Adam 1e-3, {threads} threads, 60,000 Fashion-MNIST training images"
      + (f"; median of {runs} alternating runs" if runs > 1 else "")
      + ("; a busy loop beside every run (BUSY=1)" if busy == "1" else "") + "\n")
print("| model | framework | samples/s | s/epoch | test acc | peak RSS MB | infer/s b64 | infer/s b1024 | start-up s "
      "| first step s |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)
def median(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None
spreads = []
for model in ("fashion_mnist", "mnist_mlp"):
    ns = [json.load(open(f"{work}/{model}.neurite.{r}.json")) for r in range(1, runs + 1)]
    ts = [json.load(open(f"{work}/{model}.torch.{r}.json")) for r in range(1, runs + 1)]
    keys = ("samples_per_second", "seconds_per_epoch", "test_accuracy", "peak_rss_mb", "inference_64",
            "inference_1024", "startup_seconds", "first_step_seconds")
    n = {k: median(ns, k) for k in keys}
    t = {k: median(ts, k) for k in keys}
    for name, r in (("Neurite", n), (ts[0]["framework"], t)):
        print(f"| {model} | {name} | {fmt(r['samples_per_second'], ',.0f')} | {fmt(r['seconds_per_epoch'], '.2f')} "
              f"| {fmt(100 * r['test_accuracy'], '.2f')}% | {fmt(r['peak_rss_mb'], ',.0f')} "
              f"| {fmt(r['inference_64'], ',.0f')} | {fmt(r['inference_1024'], ',.0f')} "
              f"| {fmt(r.get('startup_seconds'), '.2f')} | {fmt(r.get('first_step_seconds'), '.2f')} |")
    ratio = lambda key: n[key] / t[key] if n.get(key) and t.get(key) else None
    speed = t['seconds_per_epoch'] / n['seconds_per_epoch']
    faster = f"{speed:.2f}x faster" if speed >= 1 else f"{1 / speed:.2f}x slower"
    print(f"| {model} | **Neurite / PyTorch** | {fmt(ratio('samples_per_second'), '.2f')}x | {faster} "
          f"| {100 * (n['test_accuracy'] - t['test_accuracy']):+.2f} pt | {fmt(ratio('peak_rss_mb'), '.2f')}x "
          f"| {fmt(ratio('inference_64'), '.2f')}x | {fmt(ratio('inference_1024'), '.2f')}x | "
          f"| {fmt(ratio('first_step_seconds'), '.2f')}x |")
    spreads.append(f"- {model}: " + ", ".join(
        f"{t_['seconds_per_epoch'] / n_['seconds_per_epoch']:.2f}x ({t_['seconds_per_epoch']:.2f} / "
        f"{n_['seconds_per_epoch']:.2f} s; Neurite's epochs "
        + " ".join(f"{e:.2f}" for e in n_['epoch_seconds'])
        + f", start-up {n_['startup_seconds']:.2f} s)" for n_, t_ in zip(ns, ts)))
print("\nPyTorch s/epoch / Neurite s/epoch, run by run:\n" + "\n".join(spreads))
PY
