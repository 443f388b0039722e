#!/usr/bin/env bash
# Benchmark: a no-op rerun of a 300-image graph against a loopback CNCF registry.
# Builds the graph once (a busybox base and 299 images in a tree under it, each adding one file)
# with `imagegraph build --registry`, then runs the same command again RUNS times: every image
# must be reused from the registry (zero builds), the run's tag moved registry side. Reports the
# wall time of each rerun (JVM start, graph discovery, plan, 300 registry look-ups, report), and
# for reference the same no-op rerun without a registry (--no-push: local `docker image inspect`).
# Starts a private Docker Engine unless DOCKER_HOST answers, and a registry (bin/lib/bench-setup).
#
#   bench/noop-rerun.sh [RUNS] [IMAGES]
set -euo pipefail
runs="${1:-5}"
images="${2:-300}"
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/bench-setup"
host="$registry_host"

source "$here/bin/lib/bench-tree-graph"
graph="$work/graph"
tree_graph "$graph" "$images"

# timed OUT ERR COMMAND...: runs COMMAND with stdout to OUT and stderr to ERR, prints its wall time.
timed() {
  local out="$1" err="$2" start end; shift 2
  start=$(date +%s.%N); "$@" > "$out" 2> "$err"; end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}
counts() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["built"], c["reused"], c["failed"])' "$1"; }

first=$(timed "$work/first.json" "$work/first.err" "$here/bin/imagegraph" build --dir "$graph" --registry "$host" \
  --slots 2 --quiet -o json --run-dir "$work/run-first")
read -r built reused failed < <(counts "$work/first.json")
echo "first build: $images images, $built built, $failed failed, ${first}s"
[ "$built" -eq "$images" ] || { echo "the first build did not build every image" >&2; tail -20 "$work/first.err" >&2; exit 1; }

# The first rerun records the build command's class-data-sharing archive (bin/imagegraph); not timed.
"$here/bin/imagegraph" build --dir "$graph" --registry "$host" --quiet --run-dir "$work/run-warm" >/dev/null 2>&1
printf '%-4s %12s %8s %8s %18s %18s\n' run registry_s built reused new_tag_s local_no_push_s
r_all=(); n_all=(); l_all=()
for r in $(seq 1 "$runs"); do
  r_s=$(timed "$work/rerun-$r.json" /dev/null "$here/bin/imagegraph" build --dir "$graph" --registry "$host" \
    --quiet -o json --run-dir "$work/run-$r")
  read -r built reused failed < <(counts "$work/rerun-$r.json")
  [ "$built" -eq 0 ] && [ "$reused" -eq "$images" ] || { echo "rerun $r built $built images" >&2; exit 1; }
  n_s=$(timed "$work/tag-$r.json" /dev/null "$here/bin/imagegraph" build --dir "$graph" --registry "$host" \
    --tag "rerun-$r" --quiet -o json --run-dir "$work/tag-$r")
  read -r built reused failed < <(counts "$work/tag-$r.json")
  [ "$built" -eq 0 ] && [ "$reused" -eq "$images" ] || { echo "rerun $r with a new tag built $built images" >&2; exit 1; }
  l_s=$(timed "$work/local-$r.json" /dev/null "$here/bin/imagegraph" build --dir "$graph" --registry "$host" \
    --no-push --quiet -o json --run-dir "$work/local-$r")
  printf '%-4s %12s %8s %8s %18s %18s\n' "$r" "$r_s" "$built" "$reused" "$n_s" "$l_s"
  r_all+=("$r_s"); n_all+=("$n_s"); l_all+=("$l_s")
done
tag_ok=$(curl -fsI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://$host/v2/bench/$(printf n%03d $((images - 1)))/manifests/rerun-$runs" -o /dev/null -w '%{http_code}' || true)
python3 - "${r_all[*]}" "${n_all[*]}" "${l_all[*]}" "$tag_ok" <<'PY'
import statistics, sys
r, n, l = ([float(x) for x in arg.split()] for arg in sys.argv[1:4])
print(f"median no-op rerun with the registry: {statistics.median(r):.2f} s (worst {max(r):.2f} s); target < 2 s")
print(f"median no-op rerun moving a new tag registry side: {statistics.median(n):.2f} s (worst {max(n):.2f} s)")
print(f"median no-op rerun, local look-ups only (--no-push): {statistics.median(l):.2f} s")
print(f"new run tag moved registry side (HEAD of the last image's rerun-N tag): HTTP {sys.argv[4]}")
PY
