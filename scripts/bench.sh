#!/usr/bin/env bash
# The benchmark of issues 8 and 11, on deterministic generated events (kept between runs), one
# measuring JVM per measurement. See docs/performance.md. Four parts:
#   sizes    16 pairs at N and SCALE x N exposure lines: (a) canonicalize, (b) a daily run with
#            popularity and cooc, (c) popularity from raw JSONL with Spark, (d) the same with DuckDB
#   scaling  one pair (one tenant, one surface), PAIR_EVENTS lines: the same daily run at local[1],
#            local[2], and on a standalone cluster (scripts/cluster-local.sh) with 1 and 2 executors
#   pairs    PAIRS pairs, popularity + cooc + implicit in one run, driver heap 1 GB
#   components  generate's write speed and DB mode's PostgreSQL load (own JSON files, not in the report)
# Prints one table with the targets (met / NOT MET / n/a), writes bench-report.json and an SVG chart.
#
#   ./scripts/bench.sh [--parts sizes,scaling,pairs,components] [--events N] [--days D] [--scale K]
#                      [--pair-events N] [--pairs P] [--pairs-events N] [--warmup-events N] [--no-pin]
#                      [--work DIR] [--report FILE] [--chart FILE] [--set KEY=VALUE]...
#
# --events N        exposure lines of the small size (default 1000000); --scale 1 measures that size only
# --pair-events N   lines of the single-pair day (default 4000000, the target's size)
# --pairs P         pairs of the many-pairs run (default 2000, a multiple of 4); --pairs-events its lines (default 2000000)
# --warmup-events N the warm-up run of every JVM (default 50000; 0: none)
# --no-pin          do not confine the scaling part's local[N] runs to N CPUs (taskset; the default
#                   when taskset exists: unconfined, local[1]'s collector, JIT and driver threads
#                   use the other cores, and local[1] is no longer a one-core run)
# --set             a config key for every step, e.g. --set spark.sql.shuffle.partitions=16
# BENCH_JAVA_OPTS   JVM flags of the measuring JVMs (default -Xmx4g); the pairs run always has -Xmx1g.
#                   The collector is the launcher's (ParallelGC on 2+ CPUs) unless these flags pick one
# BENCH_CLUSTER_PORT, BENCH_CLUSTER_WEBUI_PORT  the benchmark's own cluster (default 7177, 8180)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

parts="sizes,scaling,pairs,components"
events=1000000
days=1
scale=10
pair_events=4000000
pairs=2000
pairs_events=2000000
warmup_events=50000
pin_cpus=1
work="$root/.out/bench"
report="$root/bench-report.json"
chart=""
sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --parts) parts="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --pair-events) pair_events="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --pairs-events) pairs_events="$2"; shift 2 ;;
    --warmup-events) warmup_events="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    --chart) chart="$2"; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    --no-pin) pin_cpus=""; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
chart="${chart:-${report%.json}.svg}"
has_part() { [[ ",$parts," == *",$1,"* ]]; }
for p in ${parts//,/ }; do
  case "$p" in sizes|scaling|pairs|components) ;; *) echo "bench.sh: unknown part $p (sizes, scaling, pairs, components)" >&2; exit 2 ;; esac
done

bench_jar() { ls "$root"/bench/target/bench-*.jar 2>/dev/null | head -n 1; }
shaded_jar() { ls "$root"/jobs/target/recsys-pipelines-*.jar 2>/dev/null | head -n 1; }
if [[ -z "$(bench_jar)" || -z "$(shaded_jar)" || ! -f "$root/bench/target/classpath.txt" \
      || ! -f "$root/jobs/target/jvm-options.txt" ]]; then
  echo "bench: building (first run)..." >&2
  # package, not install: the reactor build points bench's classpath at the modules' target/ jars.
  (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2
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
cp "$(shaded_jar)" "$lib/" && shaded="$lib/$(basename "$(shaded_jar)")"

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cpu_pin=()
# shellcheck source=lib/collector.sh
source "$root/scripts/lib/collector.sh"
run_java() {
  # The launcher's collector, for the CPUs this JVM gets (nproc under the same pin), judged by the JVM
  # flags only (those before the main class): the application's own --set values are not JVM flags.
  local flags=() gc arg
  for arg in "$@"; do
    [[ "$arg" == -* ]] || break
    flags+=("$arg")
  done
  gc="$(throughput_collector "$(${cpu_pin[@]+"${cpu_pin[@]}"} nproc)" ${flags[@]+"${flags[@]}"})"
  # shellcheck disable=SC2046
  ${cpu_pin[@]+"${cpu_pin[@]}"} java $(cat "$root/jobs/target/jvm-options.txt") $gc \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" -Djava.io.tmpdir="$work/tmp" \
    -cp "$classpath" "$@"
}

mkdir -p "$work/tmp" "$work/results"
rm -f "$work"/results/*.json
report_args=()
echo "bench: parts $parts; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if has_part sizes; then
  sizes=("$events")
  if [[ "$scale" -gt 1 ]]; then sizes+=("$((events * scale))"); fi
  for n in "${sizes[@]}"; do
    echo "bench: sizes: measuring $n exposure lines over $days day(s), 16 pairs..." >&2
    out="$work/results/size-$n-days-$days.json"
    # shellcheck disable=SC2086
    run_java ${BENCH_JAVA_OPTS:--Xmx4g} io.recsys.pipelines.bench.BenchMain measure --events "$n" --days "$days" \
      --warmup-events "$warmup_events" --work "$work" --out "$out" ${sets[@]+"${sets[@]}"}
    report_args+=(--size "$out")
  done
fi

cluster_dir="$work/cluster"
cluster_started=""
stop_cluster() {
  if [[ -n "$cluster_started" ]]; then
    "$root/scripts/cluster-local.sh" stop --dir "$cluster_dir" >&2 || true
    cluster_started=""
  fi
}
trap stop_cluster EXIT

# One timed daily run in its own JVM; a JVM that dies (an OutOfMemoryError kills Spark's JVM)
# still leaves a result that says so.
measure_run() {
  local label="$1" shape="$2" n="$3" kinds="$4" out="$5" java_opts="$6"
  shift 6
  local log
  log="$work/results/$(echo "$label" | sed -E 's/[^A-Za-z0-9]+/-/g; s/-$//').log"
  echo "bench: $label: daily run ($kinds) on $n lines, $shape..." >&2
  set +e
  # shellcheck disable=SC2086
  run_java $java_opts io.recsys.pipelines.bench.BenchMain run --label "$label" --shape "$shape" --events "$n" \
    --kinds "$kinds" --warmup-events "$warmup_events" --work "$work" --out "$out" "$@" ${sets[@]+"${sets[@]}"} \
    2>&1 | tee "$log" >&2
  local code="${PIPESTATUS[0]}"
  set -e
  if [[ "$code" -ne 0 || ! -s "$out" ]]; then
    printf '{"label":"%s","jvm_failed":true,"finished":false,"exit_code":%d,"log":"%s"}\n' "$label" "$code" "$log" > "$out"
  fi
}

if has_part scaling; then
  # The same run and settings everywhere; only the master and the executors differ. Shuffle
  # partitions are fixed, since the local default follows the machine's cores; the cluster runs get
  # the three tasks per core that local runs get by default (README, "Running on a cluster").
  same=(--set spark.sql.shuffle.partitions=8)
  for cores in 1 2; do
    # local[N] on N CPUs: the JVM's own threads (collector, JIT, driver) share the task threads' CPUs.
    if [[ -n "$pin_cpus" ]] && command -v taskset > /dev/null && [[ "$(nproc)" -ge "$cores" ]]; then
      cpu_pin=(taskset -c "0-$((cores - 1))")
    fi
    measure_run "local[$cores]" single "$pair_events" popularity,cooc "$work/results/scaling-local-$cores.json" \
      "${BENCH_JAVA_OPTS:--Xmx4g}" --set "spark.master=local[$cores]" "${same[@]}"
    cpu_pin=()
    report_args+=(--scaling "$work/results/scaling-local-$cores.json")
  done
  "$root/scripts/cluster-local.sh" start --dir "$cluster_dir" --workers 2 --worker-cores 1 \
    --worker-memory "${BENCH_WORKER_MEMORY:-3g}" --port "${BENCH_CLUSTER_PORT:-7177}" \
    --webui-port "${BENCH_CLUSTER_WEBUI_PORT:-8180}" >&2
  cluster_started=1
  for executors in 1 2; do
    label="cluster, $executors executor"
    if [[ "$executors" -gt 1 ]]; then label+="s"; fi
    measure_run "$label" single "$pair_events" popularity,cooc "$work/results/scaling-cluster-$executors.json" \
      "${BENCH_JAVA_OPTS:--Xmx4g}" --set "spark.master=spark://127.0.0.1:${BENCH_CLUSTER_PORT:-7177}" \
      --set "spark.cores.max=$executors" --set spark.executor.cores=1 --set "spark.default.parallelism=$((3 * executors))" \
      --set "spark.executor.memory=${BENCH_EXECUTOR_MEMORY:-2g}" --set "spark.jars=$shaded" \
      --set spark.executor.extraJavaOptions=-XX:+UseParallelGC "${same[@]}"
    report_args+=(--scaling "$work/results/scaling-cluster-$executors.json")
  done
  stop_cluster
fi

if has_part pairs; then
  # No warm-up: this run is about memory, and a warm-up over thousands of pairs would double its time.
  measure_run "$pairs pairs, local[*], driver heap 1g" "pairs:$pairs" "$pairs_events" popularity,cooc,implicit \
    "$work/results/pairs.json" "-Xmx1g" --warmup-events 0
  report_args+=(--pairs "$work/results/pairs.json")
fi

if has_part components; then
  # Component steps, each in its own JVM: generate's write speed and DB mode's PostgreSQL load.
  run_java io.recsys.pipelines.bench.GeneratorThroughput --work "$work" --out "$work/results/generator.json"
  run_java io.recsys.pipelines.bench.DbLoadThroughput --work "$work" --schema "$root/conf/db/schema.sql" \
    --out "$work/results/db-load.json"
fi

echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run_java io.recsys.pipelines.bench.BenchMain report --out "$report" --chart "$chart" ${report_args[@]+"${report_args[@]}"}
