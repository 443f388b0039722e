#!/usr/bin/env bash
# Benchmark: start-up of the CLI beside `java -version` run with the same JVM flags bin/imagegraph
# uses (-XX:+UseSerialGC -XX:TieredStopAtLevel=1, the JDK's default CDS archive): CPU time (user +
# sys) and wall time of `imagegraph --help` and of `imagegraph plan` on a 6-image graph, each run
# through bin/imagegraph with its per-command class-data-sharing archive (recorded by an untimed
# first run), and the same plan again with a lineage of six earlier builds in its state folder (as
# after a first build), and a plan of examples/openstack (six images and an imagegraph.yaml). The
# variants run interleaved, RUNS
# times each; reports the medians.
# BENCH_BASELINE_JAR=path: the same two commands with that jar too (e.g. main's build), copied
# into the work directory so that its CDS archives are written there.
#
#   bench/startup.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$here/cli/target/imagegraph.jar" ] || (cd "$here" && mvn -q -DskipTests package)
graph="$work/graph"
mkdir -p "$graph/images/n0"
printf 'FROM busybox:1.36\n' > "$graph/images/n0/Dockerfile"
for i in 1 2 3 4 5; do
  mkdir -p "$graph/images/n$i"
  printf 'FROM n%d\nRUN echo %d\n' $(( (i - 1) / 2 )) "$i" > "$graph/images/n$i/Dockerfile"
done
built="$work/built"   # the same graph, with the lineage a first build of it leaves
cp -r "$graph" "$built"
mkdir -p "$built/.imagegraph"
python3 - "$built/.imagegraph/lineage.jsonl" <<'PY'
import datetime, hashlib, json, sys
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
with open(sys.argv[1], "w") as out:
    for i in range(6):
        digest = lambda what: "sha256:" + hashlib.sha256(f"{what}{i}".encode()).hexdigest()
        parents = [] if i == 0 else [{"name": f"n{(i - 1) // 2}", "digest": digest("parent")}]
        out.write(json.dumps({"image": f"n{i}", "status": "built", "digest": digest("image"), "repository": f"n{i}",
                              "inputDigest": digest("input"), "parents": parents, "time": now, "runId": "first",
                              "durationMillis": 1000}) + "\n")
PY
openstack="$work/openstack"   # a graph with a graph file
cp -r "$here/examples/openstack" "$openstack"
rm -rf "$openstack/.imagegraph"
cp "$here/cli/target/imagegraph.jar" "$work/imagegraph.jar"
jars=(new); [ -n "${BENCH_BASELINE_JAR:-}" ] && { cp "$BENCH_BASELINE_JAR" "$work/baseline.jar"; jars+=(baseline); }
jar_of() { [ "$1" = new ] && echo "$work/imagegraph.jar" || echo "$work/baseline.jar"; }

measure() { # NAME COMMAND...: appends "NAME cpu wall" to the results
  local name="$1"; shift
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" > /dev/null 2>&1
  read -r user sys wall < "$work/time"
  python3 -c "print('$name', f'{$user + $sys:.3f}', f'{$wall:.3f}')" >> "$work/results"
}
for j in "${jars[@]}"; do   # record each command's CDS archive
  IMAGEGRAPH_JAR="$(jar_of "$j")" "$here/bin/imagegraph" --help > /dev/null
  IMAGEGRAPH_JAR="$(jar_of "$j")" "$here/bin/imagegraph" plan --dir "$graph" > /dev/null
  IMAGEGRAPH_JAR="$(jar_of "$j")" "$here/bin/imagegraph" plan --dir "$built" > /dev/null   # and its lineage index
  IMAGEGRAPH_JAR="$(jar_of "$j")" "$here/bin/imagegraph" plan --dir "$openstack" > /dev/null
done
: > "$work/results"
for r in $(seq 1 "$runs"); do
  measure java-version java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -version
  for j in "${jars[@]}"; do
    IMAGEGRAPH_JAR="$(jar_of "$j")" measure "$j:--help" "$here/bin/imagegraph" --help
    IMAGEGRAPH_JAR="$(jar_of "$j")" measure "$j:plan-6" "$here/bin/imagegraph" plan --dir "$graph"
    IMAGEGRAPH_JAR="$(jar_of "$j")" measure "$j:plan-6-built" "$here/bin/imagegraph" plan --dir "$built"
    IMAGEGRAPH_JAR="$(jar_of "$j")" measure "$j:plan-openstack" "$here/bin/imagegraph" plan --dir "$openstack"
  done
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, cpu, wall = line.split()
    rows.setdefault(name, []).append((float(cpu), float(wall)))
java = statistics.median(c for c, _ in rows["java-version"])
print(f"{'variant':18} {'cpu_s':>7} {'wall_s':>7} {'cpu/java':>9}")
for name, values in rows.items():
    cpu = statistics.median(c for c, _ in values); wall = statistics.median(w for _, w in values)
    print(f"{name:18} {cpu:7.2f} {wall:7.2f} {cpu / java:8.1f}x")
print("targets: new:--help <= 0.3 s CPU, new:plan-6 <= 0.5 s (plan-6-built: the same plan after a first build; plan-openstack: six images and a graph file)")
PY
