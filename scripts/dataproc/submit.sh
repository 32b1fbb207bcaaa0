#!/usr/bin/env bash
# Submit one day's run to Dataproc.
#
#   scripts/dataproc/submit.sh CLUSTER REGION DATE [extra recsys-pipelines args...]
#
# Job id: unique per attempt (recsys-run-<day>-<UTC time>-<random>), so a failed day can be submitted
# again at once; Dataproc refuses a second job with an id it has seen, and `--id` IS the job id, not a
# request id. The day is in the labels (recsys-day=<day>), which is how to find a day's attempts:
#   gcloud dataproc jobs list --region REGION --filter='labels.recsys-day=2026-01-02'
# Submitting a day twice is harmless: the second `run` publishes nothing new (README, "Running on a cluster").
#
# Where the driver reads the config (CONF_URI, a gs:// object):
#   DEPLOY_MODE=cluster (default): the driver runs in a YARN container; --files puts the config in the
#     working folder of that container, so `--config <file name>` finds it.
#   DEPLOY_MODE=client: the driver runs on the master node, where --files are NOT placed in its working
#     folder; give CONF_PATH, a path on the master's disk (e.g. copied there by an initialization action).
# Exit codes: the job's state is DONE for 0 and ERROR for any other code; the code and the error line
# are in the driver output (client mode: `gcloud dataproc jobs wait`; cluster mode: the YARN
# application's driver log, e.g. through the job's "driverOutputResourceUri" or Cloud Logging).
#
# Needs: gcloud; the shaded jar for the cluster's Spark line in GCS (JAR_URI): Dataproc 3.x (Spark 4.0):
# recsys-pipelines-spark4.0_2.13-*.jar; Dataproc 2.2/2.3 (Spark 3.5): recsys-pipelines-spark3.5_2.12-*.jar
# on a cluster created with Java 17 (docs/spark-lines.md). For s3a:// locations add the image's
# hadoop-aws with --jars (Dataproc images carry the GCS connector, not S3A).
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,27p' "$0"; exit 2
fi
cluster="$1"; region="$2"; day="$3"; shift 3
jar_uri="${JAR_URI:-gs://my-bucket/recsys-pipelines/recsys-pipelines-spark3.5_2.12-0.1.0-SNAPSHOT.jar}"
conf_uri="${CONF_URI:-gs://my-bucket/recsys-pipelines/conf/production.conf}"
deploy_mode="${DEPLOY_MODE:-cluster}"

# Letters, digits, - and _; at most 100 characters.
job_id="recsys-run-${day//-/}-$(date -u +%Y%m%dt%H%M%S)-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"

files=()
if [[ "$deploy_mode" == "cluster" ]]; then
  files=(--files="$conf_uri")
  config_arg="$(basename "$conf_uri")"
else
  config_arg="${CONF_PATH:?client mode: set CONF_PATH to the config file on the master node}"
fi

exec gcloud dataproc jobs submit spark \
  --cluster="$cluster" \
  --region="$region" \
  --id="$job_id" \
  --labels="recsys-day=${day},recsys-command=run" \
  --class=io.recsys.pipelines.jobs.cli.Main \
  --jars="$jar_uri" \
  "${files[@]}" \
  --properties="spark.submit.deployMode=${deploy_mode},spark.yarn.maxAppAttempts=1" \
  -- run --date "$day" --config "$config_arg" "$@"
