#!/usr/bin/env bash
# spark-submit wrapper for recsys-pipelines on a cluster (YARN, Kubernetes, standalone, local).
#
#   scripts/submit.sh [--master URL] [--deploy-mode client|cluster] [--conf-file FILE]
#                     [--spark-line 4.1|4.0|3.5] [--spark-conf k=v]... [--jar JAR] -- <recsys-pipelines args>
#
#   scripts/submit.sh --master yarn --deploy-mode cluster --spark-line 3.5 \
#       --conf-file conf/production.conf -- run --date 2026-01-02
#
# The jar is the one built for the cluster's Spark line (docs/spark-lines.md): 4.1 (default) from
# jobs/target/, 4.0 and 3.5 from jobs/target/spark<line>_<scala>/. The config file is shipped with
# --files; in cluster mode the driver finds it in its working folder, in client mode it is read
# from this host. Exit codes (README, "Exit codes on a cluster"): in client and local mode
# spark-submit exits with recsys-pipelines' code; in YARN cluster mode the application ends with
# that code as its exit status and spark-submit exits 1 for any failed application.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

master="${SPARK_MASTER:-yarn}"
deploy_mode="client"
conf_file=""
jar=""
spark_line="4.1"
spark_confs=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --deploy-mode) deploy_mode="$2"; shift 2 ;;
    --conf-file) conf_file="$2"; shift 2 ;;
    --spark-conf) spark_confs+=(--conf "$2"); shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --spark-line) spark_line="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "submit.sh: unknown option $1 (application arguments go after --)" >&2; exit 2 ;;
  esac
done

if [[ -z "$jar" ]]; then
  case "$spark_line" in
    4.1) dir="$root/jobs/target"; build="mvn -B -DskipTests package" ;;
    4.0) dir="$root/jobs/target/spark4.0_2.13"; build="mvn -B -Pspark-4.0 -DskipTests package" ;;
    3.5) dir="$root/jobs/target/spark3.5_2.12"; build="mvn -B -Pspark-3.5 -DskipTests package" ;;
    *) echo "submit.sh: --spark-line must be 4.1, 4.0 or 3.5" >&2; exit 2 ;;
  esac
  jar="$(ls "$dir"/recsys-pipelines-spark"$spark_line"_*.jar 2>/dev/null | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    echo "submit.sh: no jar for Spark $spark_line in $dir; build it with: $build" >&2
    exit 2
  fi
fi
command -v spark-submit >/dev/null || { echo "submit.sh: spark-submit is not on PATH" >&2; exit 2; }

app_args=("$@")
files=()
if [[ -n "$conf_file" ]]; then
  files=(--files "$conf_file")
  if [[ "$deploy_mode" == "cluster" ]]; then
    app_args+=(--config "$(basename "$conf_file")")
  else
    app_args+=(--config "$conf_file")
  fi
fi

exec spark-submit \
  --master "$master" \
  --deploy-mode "$deploy_mode" \
  --class io.recsys.pipelines.jobs.cli.Main \
  --name "recsys-pipelines ${app_args[*]:0:3}" \
  --conf spark.yarn.maxAppAttempts=1 \
  "${spark_confs[@]}" \
  "${files[@]}" \
  "$jar" "${app_args[@]}"
