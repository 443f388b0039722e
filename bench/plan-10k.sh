#!/usr/bin/env bash
# Benchmark: discovery and plan of a generated 10,000-image graph with the real CLI (JVM start
# included), wall time and peak memory (maximum resident set size) from /usr/bin/time.
# Target on the 2-core reference machine: under 3 s and under 512 MB.
#
#   bench/plan-10k.sh [IMAGES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images="${1:-10000}"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$here/cli/target/imagegraph.jar" ] || (cd "$here" && mvn -q -DskipTests package)
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
python3 "$here/bench/generate-graph.py" --images "$images" --out "$work/graph" >/dev/null
# one warm-up run, so that the file system cache holds the tree as it would in CI after checkout
"$here/bin/imagegraph" plan --dir "$work/graph" --format json > "$work/plan.json"
echo "images=$images runs=$runs cores=$(nproc)"
printf '%-5s %10s %14s\n' run wall_s max_rss_mb
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time" "$here/bin/imagegraph" plan --dir "$work/graph" --format json > /dev/null
  read -r wall rss < "$work/time"
  printf '%-5s %10s %14s\n' "$i" "$wall" "$((rss / 1024))"
done
python3 - "$work/plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
print("planned images:", len(plan["images"]), "to build:", len(plan["toBuild"]))
PY
