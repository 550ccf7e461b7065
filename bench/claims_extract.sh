#!/usr/bin/env bash
# Claim extraction throughput on one core.
# Usage: bench/claims_extract.sh [SIZE_MB]   (default 50)
#
# 1. Builds the release `throughput` example of attrition-claims, which builds a corpus of at
#    least SIZE_MB megabytes from the shared development articles (every digit varied), extracts
#    its claims on one thread and prints MB/s (best of three runs).
# 2. Times attrition-claims and quantulum3 (a Python quantity extractor, installed into a
#    throwaway virtual environment from PyPI) on the same 50 KB sample of that corpus, and prints
#    both speeds and their ratio. quantulum3 finds every quantity, not loss claims: the point is
#    the order of magnitude. If it cannot be installed, the script says so and goes on.
# 3. Times the command line on an archive: the same corpus as a JSON Lines file of one document
#    per article (at least SIZE_MB), through `attrition claims extract --jsonl` with one worker
#    and with one per core, JSON in and out included; prints MB/s and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet -p attrition-claims --example throughput
cargo build --release --locked --quiet --bin attrition
bin="$PWD/target/release/examples/throughput"
"$bin" "$size" --sample "$work/sample.txt" --archive "$work/archive.jsonl"
sync # the archive just written goes to disk now, not while the sample is timed
ours=$("$bin" --time-file "$work/sample.txt")
echo "$ours"
ours_mbs=$(echo "$ours" | awk '{print $(NF-1)}')

echo "installing quantulum3 into a throwaway venv..."
if python3 -m venv "$work/venv" >/dev/null 2>&1 \
    && "$work/venv/bin/pip" install --quiet --disable-pip-version-check quantulum3 >"$work/pip.log" 2>&1; then
    "$work/venv/bin/python" - "$work/sample.txt" "$ours_mbs" <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
text = open(sys.argv[1], encoding="utf-8").read()
parser.parse("Russia lost 1,200 tanks in May.")  # load its tables before timing
start = time.perf_counter()
quantities = parser.parse(text)
secs = time.perf_counter() - start
mbs = len(text.encode("utf-8")) / 1e6 / secs
ours = float(sys.argv[2])
print(f"quantulum3 on the same sample: {len(text.encode('utf-8'))} bytes, {len(quantities)} quantities, {secs:.2f} s, {mbs:.4f} MB/s")
print(f"ratio attrition-claims / quantulum3: {ours / mbs:,.0f}x")
PY
else
    echo "quantulum3 could not be installed (see below); skipping the comparison"
    tail -5 "$work/pip.log" || true
fi

archive_bytes=$(stat -c %s "$work/archive.jsonl")
for jobs in 1 "$(nproc)"; do
    /usr/bin/time -f "%e %M" -o "$work/time" ./target/release/attrition --db "$work/unused.db" claims extract --jsonl --jobs "$jobs" "$work/archive.jsonl" >"$work/out.jsonl"
    read -r secs kb <"$work/time"
    awk -v b="$archive_bytes" -v s="$secs" -v kb="$kb" -v j="$jobs" -v out="$(stat -c %s "$work/out.jsonl")" -v docs="$(wc -l <"$work/out.jsonl")" \
        'BEGIN { printf "attrition claims extract --jsonl --jobs %d: %.1f MB archive, %d documents, %.1f MB of JSON out, %.2f s, %.1f MB/s, peak memory %.0f MB\n", j, b / 1e6, docs, out / 1e6, s, b / 1e6 / s, kb / 1024 }'
done
