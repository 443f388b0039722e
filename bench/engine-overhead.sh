#!/usr/bin/env bash
# Benchmark: 20 small images (a busybox base and 19 images in a binary tree under it) built
#  (a) directly: `docker build` per image, parents first, in the order the engine uses;
#  (b) directly, each Dockerfile ending in the same LABEL instruction the engine adds (the lineage
#      labels: 8 keys), so that (b) builds the same images as (c);
#  (c) through the engine: `imagegraph build --slots 1` (one at a time, the same order);
# in turn, with every image and build cache removed before each run. Reports each run and the
# ratios of the medians. Starts a private Docker Engine unless DOCKER_HOST answers.
# BENCH_BUILDKIT=1: (a) and (c) through BuildKit (DOCKER_BUILDKIT=1, with the docker client
# BENCH_DOCKER, default Debian's /usr/bin/docker, which has it built in), and (b) with the same 8
# labels as --label flags, which BuildKit sets without a step, as the engine does there.
#
#   bench/engine-overhead.sh [RUNS]
#   BENCH_BUILDKIT=1 bench/engine-overhead.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
cleanup_work() { rm -rf "$work"; }
[ -f "$here/cli/target/imagegraph.jar" ] || (cd "$here" && mvn -q -DskipTests package)
buildkit="${BENCH_BUILDKIT:-0}"
client="${BENCH_DOCKER:-docker}"
[ "$buildkit" = 1 ] && client="${BENCH_DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT="$buildkit"
source "$here/bin/lib/docker-engine"
trap 'cleanup_work; stop_docker_engine' EXIT
graph="$work/graph"
mkdir -p "$graph/images/img00"
cp /bin/busybox "$graph/images/img00/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' > "$graph/images/img00/Dockerfile"
for i in $(seq 1 19); do
  name=$(printf 'img%02d' "$i"); parent=$(printf 'img%02d' $(( (i - 1) / 2 )))
  mkdir -p "$graph/images/$name"
  echo "payload of $name" > "$graph/images/$name/payload.txt"
  printf 'FROM %s\nCOPY payload.txt /opt/%s.txt\nRUN cat /opt/%s.txt > /opt/%s.copy\n' "$parent" "$name" "$name" "$name" \
    > "$graph/images/$name/Dockerfile"
done
echo "namespace: bench" > "$graph/imagegraph.yaml"
order=$("$here/bin/imagegraph" plan --dir "$graph" --format json | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["order"]))')

clear_images() {
  ids=$(docker images -aq)
  [ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1 || true
  docker builder prune -af >/dev/null 2>&1 || true
}
label='LABEL "io.imagegraph.input-digest"="sha256:0000000000000000000000000000000000000000000000000000000000000000" "io.imagegraph.run"="20261122-000000-1234" "org.opencontainers.image.base.digest"="sha256:1111111111111111111111111111111111111111111111111111111111111111" "org.opencontainers.image.base.name"="bench/img00" "org.opencontainers.image.created"="2026-11-22T00:00:00.000000000Z" "org.opencontainers.image.revision"="0123456789abcdef0123456789abcdef01234567" "org.opencontainers.image.source"="https://example.com/acme/images.git" "org.opencontainers.image.title"="img00"'
for name in $order; do
  { cat "$graph/images/$name/Dockerfile"; echo "$label"; } > "$work/$name.labelled.Dockerfile"
done
label_flags=(--label "io.imagegraph.input-digest=sha256:0000000000000000000000000000000000000000000000000000000000000000"
  --label "io.imagegraph.run=20261122-000000-1234"
  --label "org.opencontainers.image.base.digest=sha256:1111111111111111111111111111111111111111111111111111111111111111"
  --label "org.opencontainers.image.base.name=bench/img00" --label "org.opencontainers.image.created=2026-11-22T00:00:00.000000000Z"
  --label "org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567"
  --label "org.opencontainers.image.source=https://example.com/acme/images.git" --label "org.opencontainers.image.title=img00")
direct() {
  for name in $order; do
    "$client" build --network none -q -t "$name" "$graph/images/$name" >/dev/null 2>&1
  done
}
direct_labelled() {
  for name in $order; do
    if [ "$buildkit" = 1 ]; then
      "$client" build --network none -q -t "$name" "${label_flags[@]}" "$graph/images/$name" >/dev/null 2>&1
    else
      "$client" build --network none -q -t "$name" -f "$work/$name.labelled.Dockerfile" "$graph/images/$name" >/dev/null 2>&1
    fi
  done
}
engine() {
  "$here/bin/imagegraph" build --dir "$graph" --slots 1 --quiet --docker "$client" --run-dir "$work/run-$RANDOM" >/dev/null 2>&1
}
seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); python3 -c "print(f'{$end - $start:.2f}')"; }

"$here/bin/imagegraph" --version >/dev/null   # warm the class data sharing archive
# One untimed engine run records the build command's class data sharing archive and the state
# folder's BuildKit probe (graph/.imagegraph/buildkit-engines.txt), as any earlier build would have.
clear_images; engine
printf '%-4s %10s %18s %10s\n' run direct_s direct_labelled_s engine_s
d_all=(); l_all=(); e_all=()
for r in $(seq 1 "$runs"); do
  clear_images; d=$(seconds direct)
  clear_images; l=$(seconds direct_labelled)
  clear_images; e=$(seconds engine)
  d_all+=("$d"); l_all+=("$l"); e_all+=("$e")
  printf '%-4s %10s %18s %10s\n' "$r" "$d" "$l" "$e"
done
python3 - "${d_all[*]}" "${l_all[*]}" "${e_all[*]}" <<'PY'
import statistics, sys
d, l, e = ([float(x) for x in arg.split()] for arg in sys.argv[1:4])
md, ml, me = statistics.median(d), statistics.median(l), statistics.median(e)
print(f"median direct {md:.2f} s, direct with the same labels {ml:.2f} s, engine {me:.2f} s")
print(f"engine / direct with the same labels = {me / ml:.3f}; engine / direct = {me / md:.3f}")
PY
