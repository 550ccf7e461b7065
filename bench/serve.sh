#!/usr/bin/env bash
# Throughput and latency of `attrition serve` against Datasette serving the same daily table
# (issue 7). The reference: "Datasette answers one-row JSON lookups at about 370 requests/s,
# p99 128 ms, with 32 connections". Goals: >= 20x Datasette's requests/s, p99 < 5 ms, no errors.
#
# Imports the real data into a temporary store, starts `attrition serve` on a free port and runs
# `wrk --latency` against the latest summary, one month of the daily series and a one-row lookup
# (each a fixed URL, so these measure the server's answer cache), plus one-row lookups cycling
# through every day from 2022-02-25 to 2024-12-31 (each computed on its first request: 1,041
# distinct answers, each then cached). Then it builds a SQLite file with the same daily rows (fetched as CSV from our own server), serves it with Datasette from a throwaway
# venv, and runs wrk against the equivalent row page and month-range query. If Datasette cannot
# be installed the comparison is skipped and only our numbers are printed.
#
# wrk, the servers and anything else running share the machine's cores: on a 2-core machine the
# numbers move by tens of percent between runs, more while something else is compiling.
#
# Usage: bench/serve.sh
#   DURATION=30s     length of each wrk run (s, m or h suffix; a bare number is seconds)
#   CONNECTIONS=32   wrk connections (-c)
#   THREADS=2        wrk threads (-t)
#   DATA_DIR=../shared/data   holds general-staff/ and economist/
# Exits 0 once the table is printed, whether or not the goals hold (they are printed).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
DATA_DIR="${DATA_DIR:-../shared/data}"

case "$DURATION" in
    *[0-9]s | *[0-9]) seconds="${DURATION%s}" ;;
    *[0-9]m) seconds=$((${DURATION%m} * 60)) ;;
    *[0-9]h) seconds=$((${DURATION%h} * 3600)) ;;
    *) echo "DURATION must look like 30s, 2m or 1h, not '$DURATION'" >&2; exit 2 ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "DURATION must be a whole number of seconds, minutes or hours, not '$DURATION'" >&2
    exit 2
fi

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]+"${pids[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]+"${pids[@]}"}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '%s\n' "$*" >&2; }

# --- 1. wrk, the binary, the store --------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    say "installing wrk"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
say "building"
cargo build --release --locked --quiet -p attrition
bin="$PWD/target/release/attrition"
say "importing $DATA_DIR/general-staff and $DATA_DIR/economist"
"$bin" --db "$work/a.db" --quiet import "$DATA_DIR/general-staff" "$DATA_DIR/economist" >"$work/import.log" 2>&1 ||
    { cat "$work/import.log" >&2; exit 1; }

# --- 2. our server --------------------------------------------------------------------------------
: >"$work/serve.out"
"$bin" --db "$work/a.db" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
serve_pid=$!
port=""
for _ in $(seq 1 300); do
    line="$(head -n 1 "$work/serve.out" 2>/dev/null || true)"
    if [[ "$line" =~ ^listening\ on\ http://127\.0\.0\.1:([0-9]+)\  ]]; then
        port="${BASH_REMATCH[1]}"
        break
    fi
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    say "attrition serve did not start:"
    cat "$work/serve.out" "$work/serve.err" >&2
    exit 1
fi
ours="http://127.0.0.1:$port"
say "attrition serve: $ours ($(head -n 1 "$work/serve.out"))"

# --- helpers --------------------------------------------------------------------------------------
# check NAME URL DAYS [STRING...]: one GET must answer 200 with DAYS distinct `"day": "…"` fields (any
# number if DAYS is -) and every STRING in its body; otherwise the script stops, since wrk would
# measure error pages.
check() {
    local name="$1" url="$2" days="$3" code body found want
    shift 3
    code="$(curl -s -o "$work/body" -w '%{http_code}' "$url" || true)"
    body="$(cat "$work/body")"
    found="$(grep -oE '"day": ?"[0-9]{4}-[0-9]{2}-[0-9]{2}"' <<<"$body" | sort -u | wc -l || true)"
    local ok=1
    [ "$code" = 200 ] || ok=0
    [ "$days" = - ] || [ "$found" -eq "$days" ] || ok=0
    for want in "$@"; do
        [[ "$body" == *"$want"* ]] || ok=0
    done
    if [ "$ok" -eq 0 ]; then
        say "check failed for $name: $url answered $code with $found days (want $days and: $*):"
        head -c 600 <<<"$body" >&2
        say ""
        exit 1
    fi
}

# A wrk script that asks PREFIX DAY SUFFIX for every day from 2022-02-25 to 2024-12-31 in turn,
# each wrk thread starting at a different day, so that a server's answer cache is mostly missed.
cat >"$work/days.lua" <<'LUA'
local prefix, suffix = os.getenv("BENCH_PREFIX"), os.getenv("BENCH_SUFFIX") or ""
local days = {}
local t = os.time({ year = 2022, month = 2, day = 25, hour = 12 })
while true do
    local d = os.date("!%Y-%m-%d", t)
    if d > "2024-12-31" then break end
    days[#days + 1] = d
    t = t + 86400
end
local threads = 0
function setup(thread)
    thread:set("id", threads)
    threads = threads + 1
end
function init(args)
    counter = (id or 0) * 811
end
function request()
    counter = counter + 1
    return wrk.format(nil, prefix .. days[(counter % #days) + 1] .. suffix)
end
LUA

declare -A rps p50 p99 errs
order=()
# bench KEY URL [PATH PREFIX SUFFIX]: runs wrk against URL (or, with a prefix, the days script),
# keeps requests/s, p50 and p99 in ms and the errors (socket errors + non-2xx/3xx answers).
bench() {
    local key="$1" url="$2" out="$work/wrk-$1.txt" args=()
    if [ $# -gt 2 ]; then
        args=(-s "$work/days.lua")
        export BENCH_PREFIX="$3" BENCH_SUFFIX="$4"
    fi
    order+=("$key")
    say "wrk $DURATION, $CONNECTIONS connections: $key"
    if ! timeout -k 5 $((seconds + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "${args[@]}" "$url" >"$out" 2>&1; then
        say "wrk failed or overran for $key:"
        cat "$out" >&2
        rps[$key]="failed" p50[$key]="-" p99[$key]="-" errs[$key]="-"
        return
    fi
    local parsed
    parsed="$(awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
            if (v ~ /h$/)  { sub(/h$/, "", v);  return v * 3600000 }
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        END {
            if (rps == "" || p50 == "" || p99 == "") exit 1
            printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors
        }' "$out")" || {
        say "could not read wrk output for $key:"
        cat "$out" >&2
        rps[$key]="failed" p50[$key]="-" p99[$key]="-" errs[$key]="-"
        return
    }
    read -r "rps[$key]" "p50[$key]" "p99[$key]" "errs[$key]" <<<"$parsed"
}

# --- 3. our endpoints -----------------------------------------------------------------------------
summary_url="$ours/api/v1/summary"
month_url="$ours/api/v1/series/personnel?from=2024-09-01&to=2024-09-30"
row_url="$ours/api/v1/totals/personnel?period=2024-09-30"
check "summary" "$summary_url" - '"briefing":' '"outlook":'
check "month" "$month_url" 30 '"day":"2024-09-01"' '"day":"2024-09-30"' '"category":"personnel"'
check "one row" "$row_url" - '"period":"2024-09-30"' '"days":1,' '"total":'
check "one row, first day" "$ours/api/v1/totals/personnel?period=2022-02-25" - '"days":1,' '"total":'
check "one row, last day" "$ours/api/v1/totals/personnel?period=2024-12-31" - '"days":1,' '"total":'
bench "attrition summary" "$summary_url"
bench "attrition month" "$month_url"
bench "attrition one row" "$row_url"
bench "attrition one row, any day" "$ours/" "/api/v1/totals/personnel?period=" ""

# --- 4. Datasette on the same daily rows ----------------------------------------------------------
datasette=""
skip_reason=""
say "installing datasette in a throwaway venv"
if ! command -v python3 >/dev/null; then
    skip_reason="python3 is missing"
elif ! python3 -m venv "$work/venv" >"$work/venv.log" 2>&1; then
    skip_reason="python3 -m venv failed ($(tail -n 1 "$work/venv.log"))"
elif ! timeout 600 "$work/venv/bin/pip" install -q --disable-pip-version-check datasette >"$work/pip.log" 2>&1; then
    skip_reason="pip install datasette failed ($(tail -n 1 "$work/pip.log"))"
else
    datasette="$work/venv/bin/datasette"
fi

if [ -n "$datasette" ]; then
    say "building $work/daily.db from $ours/api/v1/series/*?format=csv"
    python3 - "$ours" "$work/daily.db" <<'PY'
import csv, io, json, sqlite3, sys, urllib.request

base, path = sys.argv[1], sys.argv[2]
with urllib.request.urlopen(f"{base}/api/v1/categories") as answer:
    categories = [c["id"] for c in json.load(answer)["categories"]]
db = sqlite3.connect(path)
db.execute(
    "create table daily (category text not null, day text not null, report_date text,"
    " cumulative integer, published integer, correction integer, net integer,"
    " primary key (category, day))"
)
cell = lambda text: int(text) if text != "" else None
rows = 0
for category in categories:
    with urllib.request.urlopen(f"{base}/api/v1/series/{category}?format=csv") as answer:
        text = answer.read().decode("utf-8")
    batch = [
        (category, r["day"], r["report_date"], cell(r["cumulative"]), cell(r["published"]),
         int(r["correction"]), cell(r["net"]))
        for r in csv.DictReader(io.StringIO(text))
    ]
    db.executemany("insert into daily values (?, ?, ?, ?, ?, ?, ?)", batch)
    rows += len(batch)
db.commit()
db.close()
print(f"daily.db: {rows} rows in {len(categories)} categories", file=sys.stderr)
PY
    ds_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$datasette" serve "$work/daily.db" -p "$ds_port" --host 127.0.0.1 >"$work/datasette.out" 2>"$work/datasette.err" &
    pids+=($!)
    ds_pid=$!
    theirs="http://127.0.0.1:$ds_port"
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "$theirs/-/versions.json" && break
        kill -0 "$ds_pid" 2>/dev/null || break
        sleep 0.2
    done
    if ! curl -sf -o /dev/null "$theirs/-/versions.json"; then
        skip_reason="datasette serve did not answer ($(tail -n 1 "$work/datasette.err"))"
        datasette=""
    fi
fi

if [ -n "$datasette" ]; then
    version="$("$datasette" --version 2>/dev/null | awk '{print $NF}')"
    say "datasette $version: $theirs"
    # A row page of a compound primary key is /db/table/pk1,pk2 (each value tilde-encoded: a date
    # needs none); _shape=objects gives the row as an object.
    ds_row_url="$theirs/daily/daily/personnel,2024-09-30.json?_shape=objects"
    ds_month_url="$theirs/daily/daily.json?category=personnel&day__gte=2024-09-01&day__lte=2024-09-30&_shape=array"
    check "datasette one row" "$ds_row_url" 1 '"day": "2024-09-30"' '"category": "personnel"'
    check "datasette month" "$ds_month_url" 30 '"day": "2024-09-01"' '"day": "2024-09-30"'
    check "datasette one row, first day" "$theirs/daily/daily/personnel,2022-02-25.json?_shape=objects" 1
    check "datasette one row, last day" "$theirs/daily/daily/personnel,2024-12-31.json?_shape=objects" 1
    bench "datasette month" "$ds_month_url"
    bench "datasette one row" "$ds_row_url"
    bench "datasette one row, any day" "$theirs/" "/daily/daily/personnel," ".json?_shape=objects"
else
    say "SKIPPING the Datasette comparison: $skip_reason"
fi

# --- 5. the table, the ratios, the goals ----------------------------------------------------------
printf '\nwrk -t%s -c%s -d%ss --latency; %s cores; attrition %s\n' "$THREADS" "$CONNECTIONS" "$seconds" \
    "$(nproc)" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
[ -z "$datasette" ] || printf 'datasette %s (default settings, access log to a file)\n' "$version"
printf '\n%-28s %12s %10s %10s %8s\n' endpoint requests/s "p50 ms" "p99 ms" errors
for key in "${order[@]}"; do
    printf '%-28s %12s %10s %10s %8s\n' "$key" "${rps[$key]}" "${p50[$key]}" "${p99[$key]}" "${errs[$key]}"
done
cat <<TXT

attrition summary           $summary_url
attrition month             $month_url
attrition one row           $row_url
attrition one row, any day  the same, period cycling through 2022-02-25 .. 2024-12-31 (each computed once, then cached)
TXT
if [ -n "$datasette" ]; then
    cat <<TXT
datasette month             $ds_month_url
datasette one row           $ds_row_url
datasette one row, any day  the same, day cycling through 2022-02-25 .. 2024-12-31
TXT
fi

number() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }
verdict() { if [ "$1" = 1 ]; then echo "holds"; else echo "FAILS"; fi; }
echo
if [ -n "$datasette" ]; then
    echo "ours / Datasette (requests/s; p99):"
    ratio_ok=1
    for pair in "one row" "month" "one row, any day"; do
        a="attrition $pair" b="datasette $pair"
        if number "${rps[$a]}" && number "${rps[$b]}" && [ "${rps[$b]}" != 0 ]; then
            r="$(awk -v a="${rps[$a]}" -v b="${rps[$b]}" 'BEGIN { printf "%.1f", a / b }')"
            printf '  %-18s %8sx the requests/s; p99 %s ms against %s ms\n' "$pair" "$r" "${p99[$a]}" "${p99[$b]}"
            if [ "$pair" != "one row, any day" ]; then
                awk -v r="$r" 'BEGIN { exit !(r >= 20) }' || ratio_ok=0
            fi
        else
            printf '  %-18s no ratio (a run failed)\n' "$pair"
            [ "$pair" = "one row, any day" ] || ratio_ok=0
        fi
    done
    echo
    printf 'goal >= 20x Datasette requests/s (one row, month):  %s\n' "$(verdict $ratio_ok)"
else
    printf 'goal >= 20x Datasette requests/s: not measured (%s)\n' "$skip_reason"
fi
p99_ok=1 err_ok=1
for key in "attrition summary" "attrition month" "attrition one row"; do
    if number "${p99[$key]}"; then
        awk -v p="${p99[$key]}" 'BEGIN { exit !(p < 5) }' || p99_ok=0
    else
        p99_ok=0
    fi
    [ "${errs[$key]}" = 0 ] || err_ok=0
done
printf 'goal p99 < 5 ms (summary, month, one row):          %s\n' "$(verdict $p99_ok)"
printf 'goal zero errors (summary, month, one row):         %s\n' "$(verdict $err_ok)"
key="attrition one row, any day"
if number "${p99[$key]}"; then
    ok=1
    awk -v p="${p99[$key]}" 'BEGIN { exit !(p < 5) }' || ok=0
    [ "${errs[$key]}" = 0 ] || ok=0
    printf 'one-row lookups of any day, not in the goal: p99 %s ms, %s errors: p99 < 5 ms and no errors %s\n' \
        "${p99[$key]}" "${errs[$key]}" "$(verdict $ok | tr 'A-Z' 'a-z')"
fi
