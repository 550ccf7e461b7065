#!/usr/bin/env bash
# Cold-process cost of the commands people run most, on a store holding the real data.
# Usage: bench/cold_total.sh [path/to/shared/data/general-staff]
# Prints /usr/bin/time -v's wall time and peak memory for one run of each command, then, if
# hyperfine is installed, the mean over repeated runs. Builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/general-staff}"
cargo build --release --locked --quiet
bin="$PWD/target/release/attrition"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ATTRITION_DB="$work/attrition.db"

measure() {
    local label="$1"; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
        local wall rss
        wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
        rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
        printf '%-48s wall %s  peak RSS %s KiB\n' "$label" "$wall" "$rss"
    else
        local start end
        start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
        printf '%-48s wall %d ms\n' "$label" $(((end - start) / 1000000))
    fi
}

measure "import (empty store)" "$bin" --quiet import "$data"
measure "import again (nothing changes)" "$bin" --quiet import "$data"
measure "total personnel --period 2024-09" "$bin" total personnel --period 2024-09
measure "total --all-categories --period all" "$bin" total --all-categories --period all
measure "daily personnel --from 2022-02-24" "$bin" daily personnel --from 2022-02-24
measure "status" "$bin" status

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs 50 --style basic \
        "$bin total personnel --period 2024-09" \
        "$bin total --all-categories --period all"
fi
