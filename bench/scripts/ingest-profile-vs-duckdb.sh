#!/usr/bin/env bash
# Ingest + profile a 1,000,000-row CSV (lending_club resampled with replacement) with LatentOps
# (TableReader + TableProfiler) and with DuckDB (SUMMARIZE SELECT * FROM read_csv(...)), in the same run,
# each engine in its own process so its peak memory (VmHWM) is its own. Writes bench/results/ingest-profile-vs-duckdb.md.
#   bash bench/scripts/ingest-profile-vs-duckdb.sh [ROWS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
repeats=${2:-3}
threads=$(nproc)
source_csv=${LATENTOPS_BENCH_SOURCE:-}
for candidate in ../shared/datasets/tabular/lending_club.csv ../../shared/datasets/tabular/lending_club.csv samples/lending_club.csv; do
  [ -n "$source_csv" ] || { [ -f "$candidate" ] && source_csv=$candidate; }
done
data="${TMPDIR:-/tmp}/latentops-bench-lending-${rows}.csv"
[ -f "$data" ] || /usr/bin/python3 bench/scripts/make_resampled_csv.py "$source_csv" "$data" "$rows" 42
dotnet build -c Release bench/scripts/IngestProfileVsDuckDb -v q -nologo >/dev/null
exe=bench/scripts/IngestProfileVsDuckDb/bin/Release/net10.0/IngestProfileVsDuckDb
results=$(mktemp)
for i in $(seq "$repeats"); do
  for engine in duckdb latentops; do
    "$exe" "$engine" "$data" "$threads" | tee -a "$results"
  done
done
/usr/bin/python3 - "$results" "$data" "$rows" "$repeats" "$threads" "$source_csv" > bench/results/ingest-profile-vs-duckdb.md <<'PY'
import json, os, platform, statistics, subprocess, sys, datetime
path, data, rows, repeats, threads, source = sys.argv[1:]
runs = [json.loads(l) for l in open(path) if l.startswith("{")]
def med(engine, key):
    return statistics.median(r[key] for r in runs if r["engine"] == engine)
lo, dd = "latentops", "duckdb"
size = runs[0]["fileBytes"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Ingest + profile vs DuckDB\n")
print(f"Command: `bash bench/scripts/ingest-profile-vs-duckdb.sh {rows} {repeats}`  ")
print(f"Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC. Machine: {cpu}, {threads} threads used by both engines.  ")
print(f"Data: {int(rows):,} rows x 23 columns, {size/1e6:.1f} MB CSV, resampled with replacement (seed 42) from `{os.path.basename(source)}` (real Lending Club loans).  ")
print("LatentOps: `TableReader.ReadAsync` (Sep, streaming type inference into narrow columns: scaled sbyte/short/int numbers, dictionary-coded strings) + `TableProfiler.Profile` (count, missing, exact distinct, min/max/mean/std, 7 quantiles, histograms, top values, duplicate rows).  ")
print("DuckDB.NET 1.5.6.1: `SUMMARIZE SELECT * FROM read_csv(...)` (min, max, approx. distinct, mean, std, approx. quartiles, count, null share).  ")
print(f"Each engine runs in its own process; medians of {repeats} runs. Peak memory is the process's VmHWM (peak resident set).  ")
print(f"Load average when the report was written: {open('/proc/loadavg').read().split()[0]} (shared machine: absolute times are noisy, the same-run ratio is the figure).\n")
print("| engine | seconds | rows/s | peak memory | peak / file size |")
print("|---|---:|---:|---:|---:|")
for e in (dd, lo):
    print(f"| {e} | {med(e,'seconds'):.2f} | {med(e,'rowsPerSecond'):,.0f} | {med(e,'peakBytes')/2**20:,.0f} MiB | {med(e,'peakBytes')/size:.2f}x |")
ratio = med(lo, 'rowsPerSecond') / med(dd, 'rowsPerSecond')
print(f"\nSpeed ratio LatentOps / DuckDB: **{ratio:.2f}** (goal: at least 0.5).  ")
print(f"Peak memory LatentOps / file size: **{med(lo,'peakBytes')/size:.2f}x** (goal: under 2x).\n")
print("Raw runs:\n")
print("```")
for r in runs: print(json.dumps(r))
print("```")
PY
cat bench/results/ingest-profile-vs-duckdb.md
