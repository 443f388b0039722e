#!/usr/bin/env bash
# Benchmark: `imagegraph catalog` (the whole CLI: JVM start, /v2/_catalog page by page, every
# repository's tag list, a manifest HEAD per tag, the JSON) over a loopback CNCF registry holding
# REPOSITORIES repositories of TAGS tags each (default 1,000 × 5, bench/seed-catalog.py). Reports
# the wall time of each run and the requests the registry answered during it, counted from the
# registry's access log. Starts its own registry (Debian's docker-registry) on a free 127.0.0.1
# port and stops it, by PID, when done.
#
#   bench/catalog.sh [REPOSITORIES] [TAGS] [RUNS]
set -euo pipefail
repositories="${1:-1000}"
tags="${2:-5}"
runs="${3:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$here/cli/target/imagegraph.jar" ] || (cd "$here" && mvn -q -DskipTests package)
work="$(mktemp -d /tmp/imagegraph-catalog-bench.XXXXXX)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: false\nstorage:\n  cache:\n    blobdescriptor: inmemory\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/data" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
host="127.0.0.1:$port"
start=$(date +%s.%N)
python3 "$here/bench/seed-catalog.py" --registry "$host" --repositories "$repositories" --tags "$tags"
echo "seeded $repositories repositories x $tags tags at $host in $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")s"
mkdir -p "$work/state" "$work/empty"
catalog=("$here/bin/imagegraph" catalog -d "$work/empty" --state "$work/state" --registry "$host" -o json)
"${catalog[@]}" > /dev/null   # warm-up (class-data sharing archive), not timed
requests() { grep -c '"\(GET\|HEAD\) /v2/' "$work/registry.log" || true; }
# CPU seconds (user + system) the registry process has used so far, from /proc: with other work on
# the machine, wall time says little; the CPU both sides spend says what the catalog costs.
registry_cpu() { python3 -c 'import os,sys; f=open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")",1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf("SC_CLK_TCK"))' "$registry_pid"; }
for run in $(seq 1 "$runs"); do
  before=$(requests)
  registry_before=$(registry_cpu)
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/cli-cpu" "${catalog[@]}" > "$work/catalog.json"
  end=$(date +%s.%N)
  after=$(requests)
  registry_after=$(registry_cpu)
  cpu=$(python3 -c 'import sys; u,s=open(sys.argv[1]).read().split()[-2:]; print(f"CPU: CLI {float(u)+float(s):.2f} s, registry {float(sys.argv[3])-float(sys.argv[2]):.2f} s")' "$work/cli-cpu" "$registry_before" "$registry_after")
  listed=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(len({(t["repository"]) for t in c["tags"]}), len(c["tags"]))' "$work/catalog.json")
  printf 'run %s: %.2f s wall, %s requests, %s, load average %s, repositories and tags listed: %s\n' "$run" \
    "$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end")" "$((after - before))" \
    "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" "$listed"
done
