#!/usr/bin/env bash
# Benchmark: promote IMAGES images (default 1,000) from `test` to `latest` on a loopback CNCF
# registry with `imagegraph promote` (the whole CLI: JVM start, plan, checks, moves, report), and,
# in the same run, copy a sample of them tag to tag with `skopeo copy` per image and with
# `docker pull` + `docker tag` + `docker push` per image. Reports images per second for each and
# the ratios. Seeds the registry with real small images (bench/seed-registry.py); starts a private
# Docker Engine unless DOCKER_HOST answers, and a registry (bin/lib/bench-setup).
# Last, the registry's own ceiling for the three requests a promotion makes an image (GET of the
# source tag, HEAD of the target tag, PUT of the manifest), measured with wrk (Debian's package,
# installed when missing) at the same concurrency, so that the figure can be read against what
# the registry can serve at all on this machine.
#
#   bench/promote.sh [IMAGES] [SAMPLE]
set -euo pipefail
images="${1:-1000}"
sample="${2:-50}"
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/bench-setup"
host="$registry_host"
python3 "$here/bench/seed-registry.py" --registry "$host" --images "$images" --report "$work/report.json"
echo "seeded $images images at $host/bench/img*:test"

# The seeded report names no state folder and no test report: give both.
# BASELINE_JAR=path compares another build of the CLI (say main's) in the same run: RUNS rounds
# (default 3 with a baseline, else 1), each promoting to fresh target tags with the baseline and
# then with this checkout, so that both see the same load; the medians are reported.
runs="${RUNS:-$([ -n "${BASELINE_JAR:-}" ] && echo 3 || echo 1)}"
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
median() { python3 -c "import sys, statistics; print(f'{statistics.median(float(v) for v in sys.argv[1:]):.2f}')" "$@"; }
registry_cpu() { python3 -c 'import os,sys; f=open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")",1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf("SC_CLK_TCK"))' "$registry_pid"; }
promote_with() { # jar tag: promotes every image to tag; prints wall seconds, CLI CPU seconds, registry CPU seconds
  local jar="$1" tag="$2" start end reg0 reg1
  mkdir -p "$work/state-$tag"
  reg0=$(registry_cpu)
  start=$(date +%s.%N)
  IMAGEGRAPH_JAR="$jar" /usr/bin/time -f '%U %S' -o "$work/cpu-$tag" "$here/bin/imagegraph" promote --report "$work/report.json" --state "$work/state-$tag" \
    --allow-untested --to "$tag" --parallel "${PARALLEL:-8}" -o json > "$work/promote-$tag.json"
  end=$(date +%s.%N)
  reg1=$(registry_cpu)
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); n=sum(m["status"]=="moved" for m in r["moves"]); sys.exit(0 if r["succeeded"] and n == int(sys.argv[2]) else 1)' \
    "$work/promote-$tag.json" "$images" || { echo "promote with $jar to $tag did not move every image" >&2; exit 1; }
  echo "$(seconds "$start" "$end") $(awk '{printf "%.2f", $1 + $2}' "$work/cpu-$tag") $(seconds "$reg0" "$reg1")"
}
jars=("$here/cli/target/imagegraph.jar")
[ -n "${BASELINE_JAR:-}" ] && jars=("$BASELINE_JAR" "${jars[@]}")
# Record each jar's class-data-sharing archive on a dry run (not timed).
for jar in "${jars[@]}"; do
  mkdir -p "$work/state-warm"
  IMAGEGRAPH_JAR="$jar" "$here/bin/imagegraph" promote --report "$work/report.json" --state "$work/state-warm" \
    --allow-untested --to warm --dry-run > /dev/null
done
ig_times=(); base_times=(); ig_cpu=(); base_cpu=(); ig_reg=(); base_reg=()
for r in $(seq 1 "$runs"); do
  if [ -n "${BASELINE_JAR:-}" ]; then
    read -r t c g < <(promote_with "$BASELINE_JAR" "baseline$r"); base_times+=("$t"); base_cpu+=("$c"); base_reg+=("$g")
    echo "round $r: baseline promote: $images images in ${t}s (CPU: CLI ${c}s, registry ${g}s)"
  fi
  read -r t c g < <(promote_with "$here/cli/target/imagegraph.jar" "latest$r"); ig_times+=("$t"); ig_cpu+=("$c"); ig_reg+=("$g")
  echo "round $r: imagegraph promote: $images images in ${t}s (CPU: CLI ${c}s, registry ${g}s)"
done
echo "median CPU: this checkout CLI $(median "${ig_cpu[@]}")s, registry $(median "${ig_reg[@]}")s"
[ -n "${BASELINE_JAR:-}" ] && echo "median CPU: baseline CLI $(median "${base_cpu[@]}")s, registry $(median "${base_reg[@]}")s"
ig_s=$(median "${ig_times[@]}")
echo "imagegraph promote: $images images in ${ig_s}s (median of $runs)"
base_s=0
if [ -n "${BASELINE_JAR:-}" ]; then
  base_s=$(median "${base_times[@]}")
  echo "baseline promote: $images images in ${base_s}s (median of $runs)"
fi

start=$(date +%s.%N)
for i in $(seq 0 $((sample - 1))); do
  name=$(printf 'img%04d' "$i")
  skopeo copy -q --src-tls-verify=false --dest-tls-verify=false \
    "docker://$host/bench/$name:test" "docker://$host/bench/$name:skopeo" > /dev/null
done
end=$(date +%s.%N)
sk_s=$(seconds "$start" "$end")
echo "skopeo copy: $sample images in ${sk_s}s"

start=$(date +%s.%N)
for i in $(seq 0 $((sample - 1))); do
  name=$(printf 'img%04d' "$i")
  docker pull -q "$host/bench/$name:test" > /dev/null
  docker tag "$host/bench/$name:test" "$host/bench/$name:docker"
  docker push -q "$host/bench/$name:docker" > /dev/null 2>&1 || docker push "$host/bench/$name:docker" > /dev/null
done
end=$(date +%s.%N)
dk_s=$(seconds "$start" "$end")
echo "docker pull+tag+push: $sample images in ${dk_s}s"

# The registry's ceiling: each request alone, as fast as the registry answers it, 8 at a time
# from one wrk thread. wrk cannot read HEAD answers that carry a Content-Length (it waits for a
# body), so the target read is measured as a GET of a tag that does not exist, as a first
# promotion finds it; the registry does the same look-up for both.
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
accept="application/vnd.docker.distribution.manifest.v2+json"
curl -fsS -H "Accept: $accept" "http://$host/v2/bench/img0001/manifests/test" > "$work/manifest.json"   # img0001 below too: its blobs are in its repository
cat > "$work/get.lua" <<LUA
wrk.method = "GET"
wrk.headers["Accept"] = "$accept"
LUA
cat > "$work/put.lua" <<LUA
local f = io.open("$work/manifest.json", "rb"); wrk.body = f:read("*a"); f:close()
wrk.method = "PUT"
wrk.headers["Content-Type"] = "$accept"
LUA
# Only answers of the expected kind count: a rate of errors would say nothing about the ceiling.
rate() {
  local out
  out=$(wrk -t1 -c"${PARALLEL:-8}" -d5s -s "$1" "$2")
  if grep -q "Non-2xx" <<< "$out" && [ "$3" = 2xx ]; then
    echo "wrk got error answers from $2:" >&2; echo "$out" >&2; exit 1
  fi
  awk '/^Requests\/sec/ {print $2}' <<< "$out"
}
get_rate=$(rate "$work/get.lua" "http://$host/v2/bench/img0001/manifests/test" 2xx)
miss_rate=$(rate "$work/get.lua" "http://$host/v2/bench/img0001/manifests/never-pushed" 404)
put_rate=$(rate "$work/put.lua" "http://$host/v2/bench/img0001/manifests/ceiling" 2xx)
echo "registry alone: GET source tag $get_rate/s, read missing target tag $miss_rate/s, PUT manifest $put_rate/s"

python3 - "$images" "$ig_s" "$sample" "$sk_s" "$dk_s" "$get_rate" "$miss_rate" "$put_rate" "$base_s" <<'PY'
import sys
n, ig, s, sk, dk = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
get, miss, put = (float(v) for v in sys.argv[6:9])
base = float(sys.argv[9])
ig_rate, sk_rate, dk_rate = n / ig, s / sk, s / dk
ceiling = 1 / (1 / get + 1 / miss + 1 / put)
print(f"images/s: imagegraph {ig_rate:.0f}, skopeo {sk_rate:.1f}, docker {dk_rate:.1f}")
print(f"imagegraph / skopeo: {ig_rate / sk_rate:.1f}x; imagegraph / docker: {ig_rate / dk_rate:.1f}x; target >= 500 images/s and >= 10x skopeo")
print(f"registry ceiling for GET + HEAD + PUT an image: {ceiling:.0f} images/s; imagegraph (JVM start included) reaches {ig_rate / ceiling:.0%} of it")
if base:
    print(f"baseline: {n / base:.0f} images/s, {n / base / ceiling:.0%} of the ceiling; this checkout / baseline: {base / ig:.2f}x")
PY
