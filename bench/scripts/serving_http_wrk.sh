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
/usr/bin/python3 - "$dir" "$load_start" "$load_end" "$started" "$ended" "$seconds" "$connections" "$sizes" "$repeats" <<'PY'
import json, statistics, sys
d, load_start, load_end, started, ended, seconds, connections, sizes, repeats = sys.argv[1:]
names = {"Int8": "int8", "Fp32": "torchsharp-fp32"}
def ms(text):
    for unit, scale in (("us", 1e-3), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)
runs = []
for line in open(f"{d}/runs.tsv"):
    rep, runtime, batching, log, n, rps, p50, p99, errors, cpu, inproc, open_json, half_cpu, load = line.rstrip("\n").split("\t")
    o = json.loads(open_json)
    runs.append(dict(rep=int(rep), runtime=runtime, batching=batching, log=int(log), n=int(n), rps=float(rps), p50=ms(p50), p99=ms(p99),
                     errors=int(errors), cpu=int(cpu), inproc=float(inproc), open=o,
                     half_cpu=int(half_cpu) / max(1, o["completed"] + o["failed"]), load=float(load)))
med = statistics.median
keys = []
for r in runs:
    k = (r["runtime"], r["batching"], r["log"], r["n"])
    if k not in keys:
        keys.append(k)
def cell(k):
    return [r for r in runs if (r["runtime"], r["batching"], r["log"], r["n"]) == k]
def twin(r, log):
    return next(x for x in runs if (x["rep"], x["runtime"], x["batching"], x["log"], x["n"]) == (r["rep"], r["runtime"], r["batching"], log, r["n"]))
loads = [r["load"] for r in runs]
head = (f"Command: `bench/scripts/serving_http_wrk.sh {seconds} {connections} {sizes} {repeats}` (seconds per measurement, wrk connections, rows per request, repeats).\n"
        f"Run {started} to {ended}; 2 cores shared with other engineers' builds and tests and a quality benchmark; load average {load_start} at start, {load_end} at end "
        f"(1-minute load during the measurements: {min(loads):.1f} to {max(loads):.1f}, median {med(loads):.1f}). Every figure is the median of {repeats} round-robin repeats.\n")
server = ("Server: `serving serve` (the bench's child: real Kestrel on 127.0.0.1, no auth, 1 runtime thread, the package registered in a fresh SQLite workspace), POST /predict with the first N held-out lending_club rows. "
          "Request log: 1 = every request logged (the default, `--log-sample 1`), 0 = off. Batching on = micro-batching at its defaults (256 rows, 2 ms); off = batches of one request.\n")
with open("bench/results/serving-wrk.md", "w") as out:
    print("# Serving over HTTP: max throughput (wrk, closed loop)\n", file=out)
    print(head, file=out)
    print(server, file=out)
    print("Client: wrk, 1 thread, closed loop, after 3 s of warm-up load. In-process: the same runtime at batch 256, 1 thread, in its own process, measured just before the runtime's servers in the same repeat "
          "(preprocessing excluded there, included over HTTP); HTTP / in-process is computed per repeat, then the median taken. log on / log off: rows/s with every request logged over rows/s with the log off, same repeat.\n", file=out)
    print("| runtime | batching | request log | rows/request | requests/s | rows/s | HTTP / in-process (batch 256) | log on / log off | p50 / p99 ms | server CPU µs/request | errors |", file=out)
    print("|---|---|---|---|---|---|---|---|---|---|---|", file=out)
    for k in keys:
        rs = cell(k)
        n = k[3]
        ratio = med([100 * r["rps"] * n / r["inproc"] for r in rs])
        onoff = med([r["rps"] / twin(r, 0)["rps"] for r in rs]) if k[2] == 1 else None
        print(f"| {names[k[0]]} | {k[1]} | {k[2]} | {n} | {med([r['rps'] for r in rs]):,.0f} | {med([r['rps'] * n for r in rs]):,.0f} | {ratio:.0f}% | "
              f"{'' if onoff is None else f'{onoff:.2f}'} | {med([r['p50'] for r in rs]):.2f} / {med([r['p99'] for r in rs]):.2f} | {med([r['cpu'] for r in rs]):,.0f} | {sum(r['errors'] for r in rs)} |", file=out)
    inproc = {names[rt]: med([r["inproc"] for r in runs if r["runtime"] == rt]) for rt in names if any(r["runtime"] == rt for r in runs)}
    print("\nIn-process rows/s at batch 256 (median of the repeats): " + ", ".join(f"{k} {v:,.0f}" for k, v in inproc.items()) + ".", file=out)
    print("\nPer repeat (rows/s over HTTP / in-process rows/s at batch 256, 1-minute load average):\n", file=out)
    for k in keys:
        rs = cell(k)
        print(f"- {names[k[0]]}, batching {k[1]}, log {k[2]}, {k[3]} rows: " + "; ".join(f"{r['rps'] * k[3]:,.0f} / {r['inproc']:,.0f} (load {r['load']:.1f})" for r in rs), file=out)
with open("bench/results/serving-openloop.md", "w") as out:
    print("# Serving over HTTP: latency at half of max throughput (open loop)\n", file=out)
    print(head, file=out)
    print(server, file=out)
    print("Max: the wrk closed-loop requests/s of the same repeat (bench/results/serving-wrk.md). Half load: `bench/loadgen/openloop.c` sends requests on a fixed schedule at half that rate "
          "for the measurement time whether or not earlier ones answered (keep-alive connections, a new one opened when all are busy, up to 64); each latency is timed from the request's scheduled "
          "send time, so a stall is charged to every request scheduled during it (no coordinated omission). Failed = non-2xx or a broken connection; unfinished = no answer 5 s after the last send. "
          "Goal (issue #7): p99 <= 25 ms at half load.\n", file=out)
    print("| runtime | batching | request log | rows/request | max requests/s | half-load rate sent / achieved | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | server CPU µs/request | failed / unfinished | p99 <= 25 ms |", file=out)
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|", file=out)
    for k in keys:
        rs = cell(k)
        o = [r["open"] for r in rs]
        p99 = med([x["p99Ms"] for x in o])
        print(f"| {names[k[0]]} | {k[1]} | {k[2]} | {k[3]} | {med([r['rps'] for r in rs]):,.0f} | {med([x['rate'] for x in o]):,.0f} / {med([x['achievedRate'] for x in o]):,.0f} | "
              f"{med([x['p50Ms'] for x in o]):.2f} | {med([x['p90Ms'] for x in o]):.2f} | {p99:.2f} | {med([x['p999Ms'] for x in o]):.2f} | {med([x['maxMs'] for x in o]):.2f} | "
              f"{med([r['half_cpu'] for r in rs]):,.0f} | {sum(x['failed'] for x in o)} / {sum(x['unfinished'] for x in o)} | {'yes' if p99 <= 25 else 'no'} |", file=out)
    print("\nPer repeat (p50 / p99 ms at half load, 1-minute load average):\n", file=out)
    for k in keys:
        rs = cell(k)
        print(f"- {names[k[0]]}, batching {k[1]}, log {k[2]}, {k[3]} rows: " + "; ".join(f"{r['open']['p50Ms']:.2f} / {r['open']['p99Ms']:.2f} (load {r['load']:.1f})" for r in rs), file=out)
json.dump(runs, open(f"{d}/runs.json", "w"))
PY
cat bench/results/serving-wrk.md bench/results/serving-openloop.md
