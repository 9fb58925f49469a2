#!/usr/bin/env bash
# HTTP throughput with wrk (apt: wrk) against the same server the C# load generator drives
# (`serving serve`: real Kestrel on 127.0.0.1, no auth), beside the in-process batch-256 rows/s of the
# same runtime measured in the same run. wrk is a small C client, so on 2 shared cores it takes far
# less CPU from the server than the C# generator does. Each server is warmed up with load before the
# measured run. Writes bench/results/serving-wrk.md.
#   bench/scripts/serving_http_wrk.sh [SECONDS] [CONNECTIONS] [ROWS_PER_REQUEST_LIST]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-6}; connections=${2:-4}; sizes=${3:-1,32,256}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk); skipping." >&2; exit 0; }
data=${LATENTOPS_DATASETS:-/work/shared/datasets}/tabular/lending_club.csv
[ -f "$data" ] || data=../shared/datasets/tabular/lending_club.csv
dir=$(mktemp -d)
cleanup() { pkill -f "sleep 99997" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
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
    open(f"{d}/post{n}.lua", "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body) + "\n")
PY
results="$dir/wrk.tsv"; : > "$results"
for runtime in Int8 Fp32; do
  for batching in on off; do
    for log in 1 0; do
      [ "$runtime" = Fp32 ] && [ "$batching" = off ] && continue
      mkfifo "$dir/in"; (sleep 99997 > "$dir/in" &)
      dotnet "$dll" serving serve --export "$dir" --runtime $runtime --batching $batching --threads 1 --log-sample $log < "$dir/in" > "$dir/server.out" 2>&1 &
      server=$!
      for _ in $(seq 100); do [ -s "$dir/server.out" ] && break; sleep 0.2; done
      url="$(head -1 "$dir/server.out")/v1/models/loans:1/predict"
      for n in ${sizes//,/ }; do
        wrk -t1 -c"$connections" -d3s -s "$dir/post$n.lua" "$url" > /dev/null 2>&1   # warm-up (JIT tiers, pools)
        t0=$(awk '{print $14+$15}' /proc/$server/stat)
        out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$dir/post$n.lua" "$url" 2>&1)
        t1=$(awk '{print $14+$15}' /proc/$server/stat)
        rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
        p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
        errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); errors=${errors:-0}
        total=$(echo "$out" | awk '/requests in/ {print $1}')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$runtime" "$batching" "$log" "$n" "$rps" "$p50" "$p99" "$errors" "$(( (t1 - t0) * 10000 / (total > 0 ? total : 1) ))" >> "$results"
      done
      # Closing the server's standard input (the fifo's writer) stops it cleanly.
      pkill -f "sleep 99997" || true; wait $server 2>/dev/null || true; rm -f "$dir/in"
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/python3 - "$dir" "$load_start" "$load_end" "$started" "$seconds" "$connections" "$sizes" > bench/results/serving-wrk.md <<'PY'
import json, sys
d, load_start, load_end, started, seconds, connections, sizes = sys.argv[1:]
local = json.load(open(f"{d}/local.json"))["rowsPerSecond"]
names = {"Int8": "int8", "Fp32": "torchsharp-fp32"}
print("# Serving over HTTP measured with wrk\n")
print(f"Command: `bench/scripts/serving_http_wrk.sh {seconds} {connections} {sizes}` (seconds per measurement, wrk connections, rows per request).")
print(f"Run {started}; 2 shared cores, load average {load_start} at start, {load_end} at end.\n")
print("Server: `serving serve` (the same child the C# generator drives: real Kestrel on 127.0.0.1, no auth, 1 runtime thread), /predict, warmed up with 3 s of load before each measured run. "
      "Client: wrk (1 thread), closed loop. In-process: the same runtime at batch 256, 1 thread, measured at the start of this run (preprocessing excluded there, included over HTTP). "
      "Request log: 1 = every request logged (the default), 0 = off.\n")
print("| runtime | batching | request log | rows/request | requests/s | rows/s | HTTP / in-process (batch 256) | p50 / p99 ms | server CPU µs/request | errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
for line in open(f"{d}/wrk.tsv"):
    runtime, batching, log, n, rps, p50, p99, errors, cpu = line.rstrip("\n").split("\t")
    rows = float(rps) * int(n)
    ref = local[names[runtime]]["256"]
    print(f"| {names[runtime]} | {batching} | {log} | {n} | {float(rps):,.0f} | {rows:,.0f} | {100 * rows / ref:.0f}% | {p50} / {p99} | {cpu} | {errors} |")
print(f"\nIn-process rows/s at batch 256 in this run: " + ", ".join(f"{names[k]} {local[names[k]]['256']:,}" for k in names) + ".")
PY
cat bench/results/serving-wrk.md
