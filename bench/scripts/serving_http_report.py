"""Writes bench/results/serving-wrk.md and serving-openloop.md from the runs serving_http_wrk.sh measured.
   serving_http_report.py DIR LOAD_START LOAD_END STARTED ENDED SECONDS CONNECTIONS SIZES REPEATS
DIR/runs.tsv holds one line per (repeat, runtime, batching, log, rows/request); cells with fewer
repeats than asked (an interrupted run) are reported with the repeats they have."""
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
    return next((x for x in runs if (x["rep"], x["runtime"], x["batching"], x["log"], x["n"]) == (r["rep"], r["runtime"], r["batching"], log, r["n"])), None)
loads = [r["load"] for r in runs]
head = (f"Command: `bench/scripts/serving_http_wrk.sh {seconds} {connections} {sizes} {repeats}` (seconds per measurement, wrk connections, rows per request, repeats).\n"
        f"Run {started} to {ended}; 2 cores shared with other engineers' builds and tests and a quality benchmark; load average {load_start} at start, {load_end} at end "
        f"(1-minute load during the measurements: {min(loads):.1f} to {max(loads):.1f}, median {med(loads):.1f}). Every figure is the median of the round-robin repeats ({repeats} asked; {min(len(cell(k)) for k in keys)} to {max(len(cell(k)) for k in keys)} completed per cell).\n")
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
        pairs = [r["rps"] / twin(r, 0)["rps"] for r in rs if twin(r, 0) is not None]
        onoff = med(pairs) if k[2] == 1 and pairs else None
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
