#!/usr/bin/env bash
# HTTP serving figures against the bench's server child (`serving serve`: real Kestrel on 127.0.0.1, no
# auth, 1 runtime thread, /predict), request log on (every request, the default) and off, micro-batching
# on and off, for each rows-per-request size:
#   max throughput: wrk (apt: wrk), closed loop, CONNECTIONS connections, after 3 s of warm-up load;
#     the server's CPU time per request is read from /proc around the run;
#   half load: bench/loadgen/openloop.c (compiled here with gcc), OPEN loop at half of that max request
#     rate: requests on a fixed schedule whether or not earlier ones answered, latency timed from the
#     scheduled send (no coordinated omission; what wrk2 would measure);
#   in-process reference: the same runtime at batch 256 in a separate process (`serving inprocess`),
#     measured just before each runtime's servers in every repeat, so each ratio compares figures taken
#     seconds apart under the same machine load.
# Everything is repeated REPEATS times round-robin; the tables give medians. Writes
# bench/results/serving-wrk.md (max throughput) and bench/results/serving-openloop.md (half load).
#   bench/scripts/serving_http_wrk.sh [SECONDS] [CONNECTIONS] [ROWS_PER_REQUEST_LIST] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-4}; connections=${2:-4}; sizes=${3:-1,32,256}; repeats=${4:-3}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk); skipping." >&2; exit 0; }
command -v gcc >/dev/null || { echo "gcc is not installed; skipping." >&2; exit 0; }
data=${LATENTOPS_DATASETS:-/work/shared/datasets}/tabular/lending_club.csv
[ -f "$data" ] || data=../shared/datasets/tabular/lending_club.csv
dir=$(mktemp -d)
holder=""; server=""
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
  [ -n "$server" ] && wait "$server" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
gcc -O2 -Wall -o "$dir/openloop" bench/loadgen/openloop.c
dotnet build -c Release bench/LatentOps.Benchmarks -v q -nologo >/dev/null
dll=$PWD/bench/LatentOps.Benchmarks/bin/Release/net10.0/LatentOps.Benchmarks.dll
load_start=$(cut -d' ' -f1-3 /proc/loadavg); started=$(date -u +%Y-%m-%dT%H:%MZ)
dotnet "$dll" serving local --data "$data" --export "$dir" --threads 1 --seconds 2 --repeats 1 > "$dir/local.json"
# Request bodies: the first N held-out rows the local step exported, as the C# generator sends them.
/usr/bin/python3 - "$dir" "$sizes" <<'PY'
import json, sys
d, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split(",")]
rows = json.load(open(f"{d}/rows.json"))
for n in sizes:
    body = json.dumps({"rows": [rows[i % len(rows)] for i in range(n)]})
    open(f"{d}/body{n}.json", "w").write(body)
    open(f"{d}/post{n}.lua", "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body) + "\n")
PY
results="$dir/runs.tsv"; : > "$results"
for repeat in $(seq "$repeats"); do
  for runtime in Int8 Fp32; do
    inprocess=$(dotnet "$dll" serving inprocess --export "$dir" --runtime $runtime --threads 1 --seconds 2 | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["rowsPerSecond"])')
    for batching in on off; do
      for log in 1 0; do
        [ "$runtime" = Fp32 ] && [ "$batching" = off ] && continue
        rm -f "$dir/in" "$dir/server.out"; mkfifo "$dir/in"
        sleep 99997 > "$dir/in" & holder=$!   # the fifo's writer: killing it closes the server's stdin, which stops it
        dotnet "$dll" serving serve --export "$dir" --runtime $runtime --batching $batching --threads 1 --log-sample $log < "$dir/in" > "$dir/server.out" 2>&1 &
        server=$!
        for _ in $(seq 150); do [ -s "$dir/server.out" ] && break; sleep 0.2; done
        base=$(head -1 "$dir/server.out"); port=${base##*:}
        path=/v1/models/loans:1/predict; url="$base$path"
        for n in ${sizes//,/ }; do
          wrk -t1 -c"$connections" -d3s -s "$dir/post$n.lua" "$url" > /dev/null 2>&1   # warm-up (JIT tiers, pools)
          t0=$(awk '{print $14+$15}' /proc/$server/stat)
          out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$dir/post$n.lua" "$url" 2>&1)
          t1=$(awk '{print $14+$15}' /proc/$server/stat)
          rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
          p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
          errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); errors=${errors:-0}
          total=$(echo "$out" | awk '/requests in/ {print $1}')
          cpu=$(( (t1 - t0) * 10000 / (total > 0 ? total : 1) ))
          half=$(/usr/bin/python3 -c "print(max(1.0, $rps / 2))")
          h0=$(awk '{print $14+$15}' /proc/$server/stat)
          open=$("$dir/openloop" 127.0.0.1 "$port" "$path" "$dir/body$n.json" "$half" "$seconds" 64)
          h1=$(awk '{print $14+$15}' /proc/$server/stat)
          printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$repeat" "$runtime" "$batching" "$log" "$n" "$rps" "$p50" "$p99" "$errors" "$cpu" "$inprocess" "$open" "$(( (h1 - h0) * 10000 ))" "$(cut -d' ' -f1 /proc/loadavg)" >> "$results"
        done
        kill "$holder"; holder=""; wait "$server" 2>/dev/null || true; server=""; rm -f "$dir/in"
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg); ended=$(date -u +%H:%MZ)
/usr/bin/python3 bench/scripts/serving_http_report.py "$dir" "$load_start" "$load_end" "$started" "$ended" "$seconds" "$connections" "$sizes" "$repeats"
cat bench/results/serving-wrk.md bench/results/serving-openloop.md
