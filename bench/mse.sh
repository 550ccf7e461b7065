#!/usr/bin/env bash
# Wall time of `attrition mse` on the reference tables (METHODS.md §1.7): dga model averaging on
# Madigan & York's 5-list table (822 graphs) and on Kosovo (61 graphs, m up to 20,000), each on
# the reference grid and on the default self-extending grid (goal < 100 ms each), the log-linear
# fits (Rcapture's 12 models with profile intervals and the search over every set of two-way
# interactions: 64 models for Kosovo, 1,024 for the 5-list table), and everything at once. The
# two-list run is the floor: process start, reading the CSV, printing.
# Usage: bench/mse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
bin="$PWD/target/release/attrition"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ATTRITION_DB="$work/attrition.db"

# Counts in R array order (first list fastest), written as an aggregated CSV.
write_table() { # file names... -- counts...
    local file="$1"; shift
    local names=()
    while [ "$1" != "--" ]; do names+=("$1"); shift; done
    shift
    local counts=("$@") lists=${#names[@]}
    (IFS=,; echo "${names[*]},count") >"$file"
    for ((mask = 1; mask < (1 << lists); mask++)); do
        local row=()
        for ((j = 0; j < lists; j++)); do row+=($(((mask >> j) & 1))); done
        (IFS=,; echo "${row[*]},${counts[$mask]}") >>"$file"
    done
}
write_table "$work/kosovo.csv" EXH ABA OSCE HRW -- \
    0 1131 845 177 936 228 217 181 306 106 31 18 123 42 32 27
write_table "$work/my5.csv" L1 L2 L3 L4 L5 -- \
    0 27 37 19 4 4 1 1 97 22 37 25 2 1 3 5 83 36 34 18 3 5 0 2 30 5 23 8 0 3 0 2

runs=(
    "$bin mse $work/kosovo.csv --method chapman"
    "$bin mse $work/my5.csv --method dga --delta 0.5 --missing 0..300"
    "$bin mse $work/my5.csv --method dga"
    "$bin mse $work/kosovo.csv --method dga --delta 0.0625 --missing 0..20000"
    "$bin mse $work/kosovo.csv --method dga"
    "$bin mse $work/kosovo.csv --method loglinear"
    "$bin mse $work/my5.csv --method loglinear"
    "$bin mse $work/kosovo.csv"
)
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs 20 --style basic --export-markdown "$work/mse.md" "${runs[@]}" >/dev/null
    cat "$work/mse.md"
else
    for command in "${runs[@]}"; do
        start=$(date +%s%N)
        for _ in 1 2 3 4 5 6 7 8 9 10; do $command >/dev/null; done
        end=$(date +%s%N)
        printf '%6d ms  %s\n' $(((end - start) / 10000000)) "$command"
    done
fi
echo
"$bin" mse "$work/kosovo.csv" --method dga --delta 0.0625 --missing 0..20000 | sed -n '5,7p'
