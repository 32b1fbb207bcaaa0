#!/usr/bin/env bash
# spark-submit wrapper for recsys-pipelines on a cluster (YARN, Kubernetes, standalone, local).
#
#   scripts/submit.sh [--master URL] [--deploy-mode client|cluster] [--conf-file FILE]
#                     [--spark-conf k=v]... [--jar JAR] -- <recsys-pipelines args>
#
#   scripts/submit.sh --master yarn --deploy-mode cluster --conf-file conf/production.conf \
#       -- run --date 2026-01-02
#
# The config file is shipped with --files; in cluster mode the driver finds it in its working
# folder, in client mode it is read from this host. The driver exits with recsys-pipelines' exit
# code in client and local mode; in cluster mode spark-submit only reports success or failure
# (see README, "Running on a cluster").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

master="${SPARK_MASTER:-yarn}"
deploy_mode="client"
conf_file=""
jar="$(ls "$root"/jobs/target/recsys-pipelines-*.jar 2>/dev/null | head -n 1 || true)"
spark_confs=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --deploy-mode) deploy_mode="$2"; shift 2 ;;
    --conf-file) conf_file="$2"; shift 2 ;;
    --spark-conf) spark_confs+=(--conf "$2"); shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "submit.sh: unknown option $1 (application arguments go after --)" >&2; exit 2 ;;
  esac
done

if [[ -z "$jar" ]]; then
  echo "submit.sh: no shaded jar found; build it with: mvn -B -DskipTests package" >&2
  exit 2
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
