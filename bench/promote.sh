#!/usr/bin/env bash
# Benchmark: promote IMAGES images (default 1,000) from `test` to `latest` on a loopback CNCF
# registry with `imagegraph promote` (the whole CLI: JVM start, plan, checks, moves, report), and,
# in the same run, copy a sample of them tag to tag with `skopeo copy` per image and with
# `docker pull` + `docker tag` + `docker push` per image. Reports images per second for each and
# the ratios. Seeds the registry with real small images (bench/seed-registry.py); starts a private
# Docker Engine unless DOCKER_HOST answers, and a registry (bin/lib/bench-setup).
#
#   bench/promote.sh [IMAGES] [SAMPLE]
set -euo pipefail
images="${1:-1000}"
sample="${2:-50}"
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/bench-setup"
host="$registry_host"
python3 "$here/bench/seed-registry.py" --registry "$host" --images "$images" --report "$work/report.json"
echo "seeded $images images at $host/bench/img*:test"

# Record the promote command's class-data-sharing archive on a dry run (not timed).
"$here/bin/imagegraph" promote --report "$work/report.json" --to warm --dry-run > /dev/null
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

start=$(date +%s.%N)
"$here/bin/imagegraph" promote --report "$work/report.json" --to latest --parallel "${PARALLEL:-8}" -o json \
  > "$work/promote.json"
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

python3 - "$images" "$ig_s" "$sample" "$sk_s" "$dk_s" <<'PY'
import sys
n, ig, s, sk, dk = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
ig_rate, sk_rate, dk_rate = n / ig, s / sk, s / dk
print(f"images/s: imagegraph {ig_rate:.0f}, skopeo {sk_rate:.1f}, docker {dk_rate:.1f}")
print(f"imagegraph / skopeo: {ig_rate / sk_rate:.1f}x; imagegraph / docker: {ig_rate / dk_rate:.1f}x; target >= 500 images/s and >= 10x skopeo")
PY
