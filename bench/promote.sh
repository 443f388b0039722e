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
mkdir -p "$work/state"
promote=("$here/bin/imagegraph" promote --report "$work/report.json" --state "$work/state" --allow-untested)
# Record the promote command's class-data-sharing archive on a dry run (not timed).
"${promote[@]}" --to warm --dry-run > /dev/null
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

start=$(date +%s.%N)
"${promote[@]}" --to latest --parallel "${PARALLEL:-8}" -o json > "$work/promote.json"
end=$(date +%s.%N)
ig_s=$(seconds "$start" "$end")
moved=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(m["status"]=="moved" for m in r["moves"]), r["succeeded"])' "$work/promote.json")
echo "imagegraph promote: $images images in ${ig_s}s (moved, succeeded: $moved)"

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

python3 - "$images" "$ig_s" "$sample" "$sk_s" "$dk_s" "$get_rate" "$miss_rate" "$put_rate" <<'PY'
import sys
n, ig, s, sk, dk = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
get, miss, put = (float(v) for v in sys.argv[6:9])
ig_rate, sk_rate, dk_rate = n / ig, s / sk, s / dk
ceiling = 1 / (1 / get + 1 / miss + 1 / put)
print(f"images/s: imagegraph {ig_rate:.0f}, skopeo {sk_rate:.1f}, docker {dk_rate:.1f}")
print(f"imagegraph / skopeo: {ig_rate / sk_rate:.1f}x; imagegraph / docker: {ig_rate / dk_rate:.1f}x; target >= 500 images/s and >= 10x skopeo")
print(f"registry ceiling for GET + HEAD + PUT an image: {ceiling:.0f} images/s; imagegraph (JVM start included) reaches {ig_rate / ceiling:.0%} of it")
PY
