#!/usr/bin/env bash
# The benchmark of issue 8: generates deterministic raw events (kept between runs), then times on
# the same files (a) canonicalize, (b) a daily run with popularity and cooc, (c) popularity from
# raw JSONL with Spark and (d) the same with DuckDB, at N and at SCALE x N events, one JVM per size.
# Prints one table and writes bench-report.json. See docs/performance.md.
#
#   ./scripts/bench.sh [--events N] [--days D] [--scale K] [--work DIR] [--report FILE] [--set KEY=VALUE]...
#
# --events N     exposure lines of the small size (default 1000000); --scale 1 measures that size only
# --set          a config key for every step, e.g. --set spark.sql.shuffle.partitions=8
# BENCH_JAVA_OPTS  JVM flags of the measuring JVMs (default -Xmx4g: the driver's memory is bounded)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

events=1000000
days=1
scale=10
work="$root/.out/bench"
report="$root/bench-report.json"
sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) events="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

bench_jar() { ls "$root"/bench/target/bench-*.jar 2>/dev/null | head -n 1; }
if [[ -z "$(bench_jar)" || ! -f "$root/bench/target/classpath.txt" || ! -f "$root/jobs/target/jvm-options.txt" ]]; then
  echo "bench: building (first run)..." >&2
  (cd "$root" && mvn -B -q -DskipTests install) >&2
fi

# The project's own jars are copied aside: a build in this work tree during a long run must not
# swap classes under it. Spark and DuckDB stay where Maven keeps them.
lib="$work/lib"
rm -rf "$lib" && mkdir -p "$lib"
classpath=""
for entry in "$(bench_jar)" $(tr ':' ' ' < "$root/bench/target/classpath.txt"); do
  if [[ "$entry" == "$root"/* || "$entry" == */io/recsys/pipelines/* ]]; then
    cp "$entry" "$lib/" && entry="$lib/$(basename "$entry")"
  fi
  classpath="${classpath:+$classpath:}$entry"
done

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
run_java() {
  # shellcheck disable=SC2046
  java $(cat "$root/jobs/target/jvm-options.txt") \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Djava.io.tmpdir="$work/tmp" \
    -cp "$classpath" "$@"
}

mkdir -p "$work/tmp"
sizes=("$events")
if [[ "$scale" -gt 1 ]]; then sizes+=("$((events * scale))"); fi
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
results=()
for n in "${sizes[@]}"; do
  echo "bench: measuring $n exposure lines over $days day(s)..." >&2
  out="$work/size-$n-days-$days.json"
  # shellcheck disable=SC2086
  run_java ${BENCH_JAVA_OPTS:--Xmx4g} io.recsys.pipelines.bench.BenchMain measure --events "$n" --days "$days" --work "$work" --out "$out" ${sets[@]+"${sets[@]}"}
  results+=("$out")
done
# Component steps, apart from the sizes: generate's write speed and DB mode's PostgreSQL load.
run_java io.recsys.pipelines.bench.GeneratorThroughput --work "$work" --out "$work/generator.json"
run_java io.recsys.pipelines.bench.DbLoadThroughput --work "$work" --schema "$root/conf/db/schema.sql" --out "$work/db-load.json"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_java io.recsys.pipelines.bench.BenchMain report --out "$report" "${results[@]}"
