#!/usr/bin/env bash
# Wall time of a full backtest: every model, refitted at weekly origins over the whole history,
# at three horizons (7, 30, 90 days), on the General Staff personnel series; goal < 1 s on the
# project's 2-core machine. Also prints the coverage table the run produced, for both conventions,
# and the time of the one forecast people run most (a crossing date with hindsight).
# Usage: bench/backtest.sh [path/to/shared/data/general-staff]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/general-staff}"
cargo build --release --locked --quiet
bin="$PWD/target/release/attrition"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ATTRITION_DB="$work/attrition.db"
"$bin" --quiet import "$data" >/dev/null

backtest=("$bin" --quiet backtest personnel --horizons 7,30,90)
forecast=("$bin" --quiet forecast personnel --as-of 2024-09-28 --reach 750000 --by 2024-12-31)
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs 10 --style basic "${backtest[*]}" "${forecast[*]}"
else
    for command in backtest forecast; do
        declare -n argv="$command"
        start=$(date +%s%N)
        for _ in 1 2 3 4 5; do "${argv[@]}" >/dev/null; done
        end=$(date +%s%N)
        printf '%-10s mean wall %d ms over 5 runs\n' "$command" $(((end - start) / 5000000))
    done
fi
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "${backtest[@]}" >/dev/null 2>"$work/time.txt"
    printf 'backtest peak RSS %s KiB\n' "$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
fi
for convention in loss-day report-day; do
    echo
    "${backtest[@]}" --convention "$convention" | sed -n '1,19p'
done
