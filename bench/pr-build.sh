#!/usr/bin/env bash
# Benchmark: a pull request that changes one leaf of a 187-image graph. Writes the graph (a busybox
# base and 186 images in a tree under it, bin/lib/bench-tree-graph) into a git repository, builds and
# pushes it once through a loopback CNCF registry, then RUNS times, interleaved:
#  (a) changes the leaf's file in a git commit and times
#      `imagegraph build --changed-from HEAD~1 --registry HOST` (the whole CLI: JVM start, plan of
#      187 images, the change set, the registry look-ups, the leaf's build and push, the report),
#      counting the requests the registry answered during it (its access log);
#  (b) changes the leaf's file again and times the leaf's own `docker build` (FROM its parent's
#      pushed tag, which is in the local Engine) and `docker push`.
# Target: (a) <= (b) + 2 s. Both build through BuildKit with BENCH_DOCKER (default Debian's
# /usr/bin/docker). Starts a private Docker Engine unless DOCKER_HOST answers (bin/lib/bench-setup).
#
#   bench/pr-build.sh [RUNS] [IMAGES]
set -euo pipefail
runs="${1:-3}"
images="${2:-187}"
client="${BENCH_DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/bench-setup"
host="$registry_host"
source "$here/bin/lib/bench-tree-graph"
graph="$work/graph"
tree_graph "$graph" "$images"
leaf=$(printf 'n%03d' $((images - 1)))
parent=$(printf 'n%03d' $(( (images - 2) / 3 )))
git -C "$graph" init -q
git -C "$graph" -c user.name=bench -c user.email=bench@example.com add -A
git -C "$graph" -c user.name=bench -c user.email=bench@example.com commit -qm "graph of $images images"
commit() { echo "$2" > "$graph/images/$leaf/payload.txt"; git -C "$graph" -c user.name=bench -c user.email=bench@example.com commit -qam "$1"; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
requests() { grep -c '"\(GET\|HEAD\|PUT\|POST\|PATCH\) /v2/' "$registry_dir/registry.log" || true; }
counts() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["built"], c["reused"], c["failed"])' "$1"; }
ig=("$here/bin/imagegraph" build --dir "$graph" --registry "$host" --docker "$client" --quiet -o json)

start=$(date +%s.%N)
"${ig[@]}" --slots 2 --run-dir "$work/run-first" > "$work/first.json" 2> "$work/first.err" || true
read -r built reused failed < <(counts "$work/first.json")
echo "first build: $images images, $built built, $failed failed, $(seconds "$start" "$(date +%s.%N)") s, load average $(cut -d' ' -f1 /proc/loadavg)"
[ "$built" -eq "$images" ] || { echo "the first build did not build every image" >&2; tail -20 "$work/first.err" >&2; exit 1; }
commit "warm-up" "warm-up change"   # records the build command's class-data-sharing or AOT archive; not timed
"${ig[@]}" --changed-from HEAD~1 --run-dir "$work/run-warm" > /dev/null 2>&1

printf '%-4s %12s %9s %6s %16s %9s %9s %6s\n' run imagegraph_s requests built direct_build_s push_s direct_s load
i_all=(); d_all=()
for r in $(seq 1 "$runs"); do
  commit "change $r" "payload of $leaf, change $r"
  before=$(requests); start=$(date +%s.%N)
  "${ig[@]}" --changed-from HEAD~1 --run-dir "$work/run-$r" > "$work/pr-$r.json" 2> "$work/pr-$r.err"
  end=$(date +%s.%N); after=$(requests)
  read -r built reused failed < <(counts "$work/pr-$r.json")
  [ "$built" -eq 1 ] && [ "$failed" -eq 0 ] || { echo "run $r built $built images, $failed failed" >&2; cat "$work/pr-$r.err" >&2; exit 1; }
  i_s=$(seconds "$start" "$end")
  echo "payload of $leaf, direct change $r" > "$graph/images/$leaf/payload.txt"
  sed "s|^FROM .*|FROM $host/bench/$parent:test|" "$graph/images/$leaf/Dockerfile" > "$work/direct.Dockerfile"
  start=$(date +%s.%N)
  "$client" build --progress plain -f "$work/direct.Dockerfile" -t "$host/bench/$leaf:direct-$r" "$graph/images/$leaf" > "$work/direct-$r.log" 2>&1
  mid=$(date +%s.%N)
  "$client" push -q "$host/bench/$leaf:direct-$r" >> "$work/direct-$r.log" 2>&1
  end=$(date +%s.%N)
  git -C "$graph" checkout -q -- "images/$leaf/payload.txt"
  b_s=$(seconds "$start" "$mid"); p_s=$(seconds "$mid" "$end"); d_s=$(seconds "$start" "$end")
  printf '%-4s %12s %9s %6s %16s %9s %9s %6s\n' "$r" "$i_s" "$((after - before))" "$built" "$b_s" "$p_s" "$d_s" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  i_all+=("$i_s"); d_all+=("$d_s")
done
python3 - "${i_all[*]}" "${d_all[*]}" <<'PY'
import statistics, sys
i, d = ([float(x) for x in arg.split()] for arg in sys.argv[1:3])
mi, md = statistics.median(i), statistics.median(d)
print(f"median imagegraph build --changed-from {mi:.2f} s, leaf's docker build + push {md:.2f} s: "
      f"difference {mi - md:+.2f} s (target <= +2 s)")
PY
