#!/usr/bin/env bash
# Benchmark: a no-op rerun of a 300-image graph with an empty history against the same rerun with
# a 200,000-record lineage (and a 200,000-event tag history: "latest" of each image moved over and
# over), against a loopback CNCF registry. Builds the graph once, records the state folder after an
# untimed rerun (its lineage index made), writes the long history into a copy of it (the records of
# 666 earlier no-op runs, the index then brought up to date by one untimed rerun), then times the
# two variants interleaved, RUNS times each, each run from a fresh copy of its state folder.
# Reports the wall time, CPU time and peak memory (RSS) of each run and the ratios of the medians.
# BENCH_BASELINE_JAR=path: a third variant, that jar on the long history (e.g. main's build).
#
#   bench/lineage-history.sh [RUNS] [IMAGES] [RECORDS]
set -euo pipefail
runs="${1:-5}"
images="${2:-300}"
records="${3:-200000}"
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/bench-setup"
host="$registry_host"

source "$here/bin/lib/bench-tree-graph"
graph="$work/graph"
tree_graph "$graph" "$images"

rerun() { # STATE JAR OUT: one no-op rerun, prints "wall user+sys maxrss_kb"
  local state="$1" jar="$2" out="$3"
  IMAGEGRAPH_STATE="$state" IMAGEGRAPH_JAR="$jar" /usr/bin/time -f '%e %U %S %M' -o "$out.time" \
    "$here/bin/imagegraph" build --dir "$graph" --registry "$host" --quiet -o json --run-dir "$out.run" > "$out.json" 2> "$out.err"
  python3 - "$out.json" "$images" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["counts"]
if c["built"] != 0 or c["reused"] != int(sys.argv[2]):
    sys.exit(f"the rerun built {c['built']} and reused {c['reused']} images")
PY
  read -r wall user sys rss < "$out.time"
  python3 -c "print(f'{$wall:.2f} {$user + $sys:.2f} {$rss // 1024}')"
}

jar="$here/cli/target/imagegraph.jar"
IMAGEGRAPH_STATE="$work/empty" "$here/bin/imagegraph" build --dir "$graph" --registry "$host" --slots 2 --quiet \
  -o json --run-dir "$work/run-first" > "$work/first.json" 2> "$work/first.err"
rerun "$work/empty" "$jar" "$work/warm" > /dev/null   # records the CDS archive and the lineage index
python3 - "$work/empty" "$work/long" "$records" <<'PY'
import json, os, shutil, sys
empty, long_, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.copytree(empty, long_)
lines = open(os.path.join(empty, "lineage.jsonl")).read().splitlines()
last_run = [json.loads(l) for l in lines[-(len(lines) // 2):]]
with open(os.path.join(long_, "lineage.jsonl"), "w") as out:
    n = 0
    while n < wanted:
        for r in last_run:
            out.write(json.dumps(dict(r, runId=f"past-{n // len(last_run)}")) + "\n")
            n += 1
    out.write("\n".join(lines) + "\n")
tag_file = os.path.join(empty, "tag-history.jsonl")
tags = [json.loads(l) for l in open(tag_file)] if os.path.exists(tag_file) else []
with open(os.path.join(long_, "tag-history.jsonl"), "w") as out:
    for k in range(wanted // max(1, len(tags))):
        for t in tags:
            out.write(json.dumps(dict(t, digest="sha256:" + f"{k:064x}", runId=f"past-{k}")) + "\n")
    for t in tags:
        out.write(json.dumps(t) + "\n")
PY
rm -f "$work/long/"*.index
rerun "$work/long" "$jar" "$work/warm-long" > /dev/null   # brings the indexes up to the long journals
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
  cp "$BENCH_BASELINE_JAR" "$work/baseline.jar"; BENCH_BASELINE_JAR="$work/baseline.jar"
  rm -rf "$work/state-now"; cp -a "$work/long" "$work/state-now"
  rerun "$work/state-now" "$BENCH_BASELINE_JAR" "$work/warm-baseline" > /dev/null   # its CDS archive
fi
echo "lineage records: empty $(wc -l < "$work/empty/lineage.jsonl"), long $(wc -l < "$work/long/lineage.jsonl") ($(du -m "$work/long/lineage.jsonl" | cut -f1) MB); tag events: long $(wc -l < "$work/long/tag-history.jsonl")"
variants=(empty long)
[ -n "${BENCH_BASELINE_JAR:-}" ] && variants+=(baseline)
printf '%-4s' run; for v in "${variants[@]}"; do printf ' %22s' "$v(wall cpu MB)"; done; echo
results="$work/results"; : > "$results"
for r in $(seq 1 "$runs"); do
  printf '%-4s' "$r"
  for v in "${variants[@]}"; do
    state="$work/$v"; use="$jar"
    [ "$v" = baseline ] && { state="$work/long"; use="$BENCH_BASELINE_JAR"; }
    rm -rf "$work/state-now"; cp -a "$state" "$work/state-now"
    [ "$v" = baseline ] && rm -f "$work/state-now/"*.index
    m=$(rerun "$work/state-now" "$use" "$work/$v-$r")
    echo "$v $m" >> "$results"; printf ' %22s' "$m"
  done
  echo
done
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    v, wall, cpu, mb = line.split()
    rows.setdefault(v, []).append((float(wall), float(cpu), float(mb)))
med = {v: [statistics.median(x[i] for x in rs) for i in range(3)] for v, rs in rows.items()}
for v, (w, c, m) in med.items():
    print(f"median {v}: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MB peak")
e, l = med["empty"], med["long"]
print(f"long / empty: wall {l[0] / e[0]:.2f}x, CPU {l[1] / e[1]:.2f}x, memory {l[2] / e[2]:.2f}x (target wall <= 1.1x, memory flat)")
if "baseline" in med:
    b = med["baseline"]
    print(f"baseline jar on the long history / empty: wall {b[0] / e[0]:.2f}x, CPU {b[1] / e[1]:.2f}x, memory {b[2] / e[2]:.2f}x")
PY
