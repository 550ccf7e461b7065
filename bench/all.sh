#!/usr/bin/env bash
# Every benchmark as one command, printing one table ready for a note: the briefing and the
# forecast it quotes (bench/briefing.sh, median of cold runs), claim extraction on one core (the
# `throughput` example), the archive runs of `claims extract --jsonl` with 1 and 2 jobs, and the
# instruction budgets (bench/budgets). These need nothing beyond this machine.
#
# With PEERS=1 it also runs the side-by-side comparisons that install their peer from PyPI into a
# throwaway virtual environment (bench/report_vs_moskali.sh, bench/claims_extract.sh for
# quantulum3, bench/serve.sh for Datasette) and adds their ratios; without network they say so
# and the table says "not run".
#
# Usage: bench/all.sh            RUNS=40 (cold runs per command), SIZE_MB=50 (extraction corpus)
# Exits 1 when the budgets fail (after printing the table), 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-40}"
size="${SIZE_MB:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
say() { printf '%s\n' "$*" >&2; }

cargo build --release --locked --quiet -p attrition
cargo build --release --locked --quiet -p attrition-claims --example throughput
bin="$PWD/target/release/attrition"

say "briefing and forecast ($runs cold runs each)"
bench/briefing.sh ../shared/data/general-staff "$runs" >"$work/briefing.txt"
median() { awk -v name="$1" 'index($0, name) == 1 { print $(NF-3) }' "$work/briefing.txt"; }

say "claim extraction ($size MB corpus)"
target/release/examples/throughput "$size" --archive "$work/archive.jsonl" >"$work/throughput.txt"
extract_mbs=$(awk '/MB\/s/ { print $(NF-1) }' "$work/throughput.txt" | head -1)
archive_mb=$(awk -v b="$(stat -c %s "$work/archive.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')
declare -A jsonl
for jobs in 1 2; do
    start=$(date +%s%N)
    "$bin" --db "$work/unused.db" claims extract --jsonl --jobs "$jobs" "$work/archive.jsonl" >/dev/null
    end=$(date +%s%N)
    jsonl[$jobs]=$(awk -v mb="$archive_mb" -v ns=$((end - start)) 'BEGIN { printf "%.1f", mb / (ns / 1e9) }')
done

say "instruction budgets"
budgets_ok=1
bench/budgets >"$work/budgets.txt" || budgets_ok=0

declare -A peer
if [ "${PEERS:-0}" = 1 ]; then
    say "peers: moskali"
    peer[moskali]=$(bench/report_vs_moskali.sh ../shared/data/general-staff "$runs" 2>/dev/null | awk '/^ratio/ { print $(NF-4) }' || true)
    say "peers: quantulum3"
    peer[quantulum3]=$(bench/claims_extract.sh 10 2>/dev/null | awk '/^ratio/ { print $NF }' || true)
    say "peers: Datasette"
    peer[datasette]=$(DURATION=10s bench/serve.sh 2>/dev/null | awk '/^  one row / { print $3; exit }' || true)
fi

printf '\n%s, %s cores, %s\n\n' "$(git rev-parse --short HEAD)" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| %-56s | %-22s | %-26s |\n' what figure "peer (ratio)"
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..58})" "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..28})"
row() { printf '| %-56s | %-22s | %-26s |\n' "$1" "$2" "${3:-}"; }
row "empty process (\`--version\`), median of $runs" "$(median 'empty process') ms"
row "\`report --offline\`, median of $runs cold runs" "$(median 'report --offline') ms" \
    "${peer[moskali]:+moskali summary: ${peer[moskali]}}"
row "\`forecast personnel --reach 1500000\`, median of $runs" "$(median 'forecast personnel') ms"
row "\`backtest personnel\`, median" "$(median 'backtest personnel') ms"
row "claim extraction, one core" "$extract_mbs MB/s" "${peer[quantulum3]:+quantulum3: ${peer[quantulum3]}}"
row "\`claims extract --jsonl\`, $archive_mb MB archive, 1 / 2 jobs" "${jsonl[1]} / ${jsonl[2]} MB/s"
if [ "${PEERS:-0}" = 1 ]; then
    row "API one-row total (wrk)" "see bench/serve.sh" "${peer[datasette]:+Datasette: ${peer[datasette]} req/s}"
fi
echo
echo "instruction budgets (bench/budgets, callgrind):"
sed -n '/^command/,$p' "$work/budgets.txt"
[ "$budgets_ok" = 1 ] || exit 1
