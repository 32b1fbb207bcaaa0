#!/usr/bin/env bash
# Adds the day's run as an EMR step: fills scripts/emr/add-steps.json and calls `aws emr add-steps`.
#
#   scripts/emr/add-steps.sh CLUSTER_ID DATE [client|cluster]
#
# JAR_URI: the jar for the cluster's Spark line (EMR 7.x: recsys-pipelines-spark3.5_2.12-*.jar;
# EMR 8 / emr-spark-8.0.0: recsys-pipelines-spark4.0_2.13-*.jar). CONF_URI: the config in S3.
# client (default): the driver runs inside the step on the primary node; the step's stderr
#   (<log-uri>/<cluster-id>/steps/<step-id>/stderr.gz) holds the driver's `exit code N (...)` line and
#   the step fails with spark-submit's exit code. The config is read from the primary node's disk:
#   CONF_PATH (default /home/hadoop/production.conf; copy it there with a bootstrap action or an
#   `aws s3 cp` step).
# cluster: the driver runs in a YARN container with the config beside it (--files); the step's stderr
#   only says the application failed, and the driver's log with the exit code line is under
#   <log-uri>/<cluster-id>/containers/<application id>/ (or `yarn logs -applicationId <id>`); YARN
#   reports the application's exit status as the real code ("User application exited with status N").
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,18p' "$0"; exit 2
fi
cluster_id="$1"; day="$2"; mode="${3:-client}"
jar_uri="${JAR_URI:-s3://my-bucket/recsys-pipelines/recsys-pipelines-spark3.5_2.12-0.1.0-SNAPSHOT.jar}"
conf_uri="${CONF_URI:-s3://my-bucket/recsys-pipelines/conf/production.conf}"
if [[ "$mode" == "cluster" ]]; then
  config_arg="$(basename "$conf_uri")"
else
  config_arg="${CONF_PATH:-/home/hadoop/production.conf}"
fi
steps="$(mktemp)"
trap 'rm -f "$steps"' EXIT
sed -e "s|{{DAY}}|$day|g" -e "s|{{DEPLOY_MODE}}|$mode|g" -e "s|{{JAR_URI}}|$jar_uri|g" \
    -e "s|{{CONF_URI}}|$conf_uri|g" -e "s|{{CONFIG_ARG}}|$config_arg|g" \
    "$(dirname "${BASH_SOURCE[0]}")/add-steps.json" > "$steps"
aws emr add-steps --cluster-id "$cluster_id" --steps "file://$steps"
