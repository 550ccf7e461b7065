#!/usr/bin/env bash
# Cold-process wall time of the briefing and of the forecast it quotes, on a store holding the
# real data: the median (and min, max) of N runs each of `report --offline`, `forecast personnel
# --reach 1500000` and, for scale, `backtest personnel` and an empty process (`--version`).
# Goal (issue 20): the briefing in <= 5 ms, within 3x of the empty process.
#
# Each command runs once untimed first: the first call on a fresh data version may compute and
# keep derived figures (the forecast's calibration), which is the cost of a write, not of a read.
#
# Usage: bench/briefing.sh [path/to/shared/data/general-staff] [runs]   (default 40 runs)
#   BIN=path/to/attrition   time that binary instead of building the release one
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/general-staff}"
runs="${2:-40}"
if [ -z "${BIN:-}" ]; then
    cargo build --release --locked --quiet -p attrition
    BIN="$PWD/target/release/attrition"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/attrition.db"
"$BIN" --db "$db" --quiet import "$data" >/dev/null

python3 - "$runs" "$BIN" "$db" <<'PY'
import os, statistics, sys, time
runs, binary, db = int(sys.argv[1]), sys.argv[2], sys.argv[3]
devnull = os.open(os.devnull, os.O_WRONLY)
def once(argv):
    # posix_spawn and waitpid: subprocess.run adds about 2 ms of its own to every run.
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status = os.waitpid(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed (wait status {status})")
    return elapsed
commands = [
    ("empty process (--version)", ["--version"], runs),
    ("report --offline", ["report", "--offline"], runs),
    ("forecast personnel --reach 1500000", ["forecast", "personnel", "--reach", "1500000"], runs),
    ("backtest personnel", ["backtest", "personnel"], max(3, runs // 8)),
]
print(f"{'command':<38} {'median ms':>10} {'min':>8} {'max':>8}  runs")
for name, args, n in commands:
    argv = [binary, "--db", db, "--quiet", *args]
    once(argv)
    times = [once(argv) for _ in range(n)]
    print(f"{name:<38} {statistics.median(times):10.2f} {min(times):8.2f} {max(times):8.2f}  {n}")
PY
