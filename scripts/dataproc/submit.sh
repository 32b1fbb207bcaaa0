#!/usr/bin/env bash
# Submit one day's run to Dataproc with a deterministic job id (the request id of the submission):
# a retried submission of the same day is refused by Dataproc (ALREADY_EXISTS) instead of starting
# a second job. To re-run a day on purpose, pass a different extra argument or delete the old job.
#
#   scripts/dataproc/submit.sh CLUSTER REGION DATE [extra recsys-pipelines args...]
#
# Needs: gcloud; the shaded jar and the config in GCS (JAR_URI, CONF_URI below or in the env).
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,7p' "$0"; exit 2
fi
cluster="$1"; region="$2"; day="$3"; shift 3
jar_uri="${JAR_URI:-gs://my-bucket/recsys-pipelines/recsys-pipelines-0.1.0-SNAPSHOT.jar}"
conf_uri="${CONF_URI:-gs://my-bucket/recsys-pipelines/conf/production.conf}"

# Same cluster + day + arguments => same id (letters, digits, - and _; at most 40 characters).
request_id="recsys-run-${day//-/}-$(printf '%s' "$cluster $*" | sha256sum | cut -c1-16)"

exec gcloud dataproc jobs submit spark \
  --cluster="$cluster" \
  --region="$region" \
  --id="$request_id" \
  --jar="$jar_uri" \
  --files="$conf_uri" \
  --properties="spark.yarn.maxAppAttempts=1" \
  -- run --date "$day" --config "$(basename "$conf_uri")" "$@"
