#!/usr/bin/env bash
# Cold-process time of `attrition report` on a store holding the real data, against
# `moskali summary` (the Python tool on PyPI, which prints a cumulative snapshot from the data
# bundled in its wheel), in one run, with the ratio. Goal: attrition at least 20x faster.
#
# Usage: bench/report_vs_moskali.sh [path/to/shared/data/general-staff] [runs]
# Needs python3 with venv and access to the package registry; installs moskali into a throwaway
# virtual environment that is removed at the end. Uses hyperfine when installed for the
# reference numbers, and always its own timer (median of N runs) for the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/general-staff}"
runs="${2:-40}"
cargo build --release --locked --quiet
bin="$PWD/target/release/attrition"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ATTRITION_DB="$work/attrition.db"
"$bin" --quiet import "$data" >/dev/null

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check moskali
moskali="$work/venv/bin/moskali"
"$moskali" summary >/dev/null # compiles its bytecode once, as any installed tool would have

# --offline: the store was filled a moment ago; this keeps the network out of the timing.
"$work/venv/bin/python" - "$runs" "$bin" "$moskali" <<'PY'
import statistics, subprocess, sys, time
runs, attrition, moskali = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def measure(cmd):
    for _ in range(3):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)
ours = measure([attrition, "report", "--offline"])
theirs = measure([moskali, "summary"])
for name, (median, low, high) in [("attrition report --offline", ours), ("moskali summary", theirs)]:
    print(f"{name:<28} median {median:7.2f} ms  (min {low:.2f}, max {high:.2f}; {runs} runs)")
print(f"ratio (median moskali / median attrition): {theirs[0] / ours[0]:.1f}x  (goal: at least 20x)")
PY

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" --style basic -N \
        "$bin report --offline" "$moskali summary"
fi
