#!/usr/bin/env bash
# A Spark standalone cluster on this machine: one master and N workers (default 2 x 1 core), each
# its own JVM, started from the Spark jars Maven resolved for the build (no Spark installation).
# Executors are separate JVMs started by the workers, as on a real cluster: closures,
# serialization and configuration travel the same way. See README, "A cluster on a laptop".
#
#   scripts/cluster-local.sh start [--workers N] [--worker-cores C] [--worker-memory M]
#                                  [--port P] [--webui-port W] [--dir DIR]
#   scripts/cluster-local.sh status [--dir DIR]
#   scripts/cluster-local.sh stop [--dir DIR]
#
# Defaults: 2 workers, 1 core and 1g each, master port 7077, master web UI 8080, state under
# .out/cluster/ (pid files, logs, work folders, a SPARK_HOME of links to the Maven jars with a
# bin/spark-submit for scripts/submit.sh). Exit 0 on success; start exits 1 when the cluster does
# not come up within 60 s (everything it started is stopped again), status exits 3 when stopped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command="${1:-}"
[[ $# -gt 0 ]] && shift
dir="$root/.out/cluster"
workers=2
worker_cores=1
worker_memory=1g
port=7077
webui_port=8080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --worker-cores) worker_cores="$2"; shift 2 ;;
    --worker-memory) worker_memory="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --webui-port) webui_port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "cluster-local.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

state="$dir/cluster.env"
pids="$dir/pids"
logs="$dir/logs"
spark_home="$dir/spark-home"
# The daemons only schedule and launch: a small heap each. Executors get spark.executor.memory.
daemon_heap="${SPARK_DAEMON_MEMORY:-256m}"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The master's JSON status page: {"aliveworkers": N, "status": "ALIVE", ...}.
alive_workers() {
  curl -fsS --max-time 2 "http://127.0.0.1:$1/json/" 2>/dev/null \
    | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' | head -n 1 || true
}

stop_cluster() {
  local stopped=0
  # Workers first, so that they do not try to re-register with a master that is going away.
  for f in "$pids"/worker-*.pid "$pids"/master.pid; do
    [[ -f "$f" ]] || continue
    if alive "$f"; then
      kill "$(cat "$f")" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$f" || break; sleep 0.2; done
      alive "$f" && kill -9 "$(cat "$f")" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$f"
  done
  rm -f "$state"
  echo "cluster-local: stopped $stopped process(es)"
}

start_cluster() {
  if alive "$pids/master.pid"; then
    echo "cluster-local: already running (scripts/cluster-local.sh status --dir $dir)" >&2
    exit 1
  fi
  local classpath_file="$root/jobs/target/spark-classpath.txt" options_file="$root/jobs/target/jvm-options.txt"
  if [[ ! -f "$classpath_file" || ! -f "$options_file" || -z "$(ls "$root"/jobs/target/recsys-pipelines-*.jar 2>/dev/null)" ]]; then
    echo "cluster-local: building the jars (first run)..." >&2
    (cd "$root" && mvn -B -q -DskipTests -pl jobs -am package) >&2
  fi
  rm -rf "$spark_home" "$pids"
  mkdir -p "$spark_home/jars" "$spark_home/bin" "$pids" "$logs" "$dir/local"
  # Spark's launcher builds an executor's classpath from $SPARK_HOME/jars: links to the Maven jars.
  for jar in $(tr ':' ' ' < "$classpath_file"); do
    ln -sf "$jar" "$spark_home/jars/$(basename "$jar")"
  done
  local opens
  opens="$(cat "$options_file")"
  # What scripts/submit.sh calls when no Spark installation is on PATH.
  cat > "$spark_home/bin/spark-submit" <<EOF
#!/usr/bin/env bash
exec java $opens -cp "$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit "\$@"
EOF
  chmod +x "$spark_home/bin/spark-submit"

  export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
    SPARK_LOCAL_DIRS="$dir/local" SPARK_LOG_DIR="$logs"
  local master="spark://127.0.0.1:$port"
  # shellcheck disable=SC2086
  nohup java $opens -Xmx"$daemon_heap" -cp "$spark_home/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$webui_port" > "$logs/master.log" 2>&1 &
  echo $! > "$pids/master.pid"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$dir/work/worker-$i"
    # shellcheck disable=SC2086
    SPARK_WORKER_DIR="$dir/work/worker-$i" nohup java $opens -Xmx"$daemon_heap" -cp "$spark_home/jars/*" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores "$worker_cores" \
      --memory "$worker_memory" --work-dir "$dir/work/worker-$i" "$master" > "$logs/worker-$i.log" 2>&1 &
    echo $! > "$pids/worker-$i.pid"
  done

  local registered=""
  for _ in $(seq 1 120); do
    if ! alive "$pids/master.pid"; then
      echo "cluster-local: the master exited; its log:" >&2; tail -n 30 "$logs/master.log" >&2
      stop_cluster >&2; exit 1
    fi
    registered="$(alive_workers "$webui_port")"
    [[ "${registered:-0}" -ge "$workers" ]] && break
    sleep 0.5
  done
  if [[ "${registered:-0}" -lt "$workers" ]]; then
    echo "cluster-local: ${registered:-0} of $workers worker(s) registered within 60 s; logs in $logs" >&2
    stop_cluster >&2; exit 1
  fi
  printf 'MASTER=%s\nWEBUI_PORT=%s\nWORKERS=%s\nWORKER_CORES=%s\nSPARK_HOME=%s\n' \
    "$master" "$webui_port" "$workers" "$worker_cores" "$spark_home" > "$state"
  cat <<EOF
cluster-local: master $master with $workers worker(s) of $worker_cores core(s), $worker_memory each
  web UI:  http://127.0.0.1:$webui_port
  logs:    $logs
  submit:  PATH="$spark_home/bin:\$PATH" scripts/submit.sh --master $master \\
             --spark-conf spark.cores.max=$((workers * worker_cores)) --spark-conf spark.executor.memory=512m \\
             -- run --date 2026-01-01 --set input.exposures=\$PWD/examples/events/exposures/{date}.jsonl --set input.outcomes=
  stop:    scripts/cluster-local.sh stop${dir:+ --dir $dir}
EOF
}

status_cluster() {
  if ! alive "$pids/master.pid" || [[ ! -f "$state" ]]; then
    echo "cluster-local: not running (state in $dir)"
    exit 3
  fi
  # shellcheck disable=SC1090
  source "$state"
  local up=0
  for f in "$pids"/worker-*.pid; do alive "$f" && up=$((up + 1)); done
  echo "cluster-local: master $MASTER (pid $(cat "$pids/master.pid")), $up worker process(es) running," \
    "$(alive_workers "$WEBUI_PORT") registered; web UI http://127.0.0.1:$WEBUI_PORT"
}

case "$command" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  status) status_cluster ;;
  -h|--help) sed -n '2,15p' "$0" ;;
  *) echo "usage: scripts/cluster-local.sh start|status|stop [options] (see --help)" >&2; exit 2 ;;
esac
