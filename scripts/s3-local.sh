#!/usr/bin/env bash
# A local S3-compatible server for laptops without Docker: s3proxy (fetched through Maven) on
# 127.0.0.1:9000 with the MinIO defaults minioadmin/minioadmin, data under .out/s3, and the bucket
# ${MINIO_BUCKET:-recsys-artifacts} created through the S3 API. conf/minio.conf works against it
# as it does against the MinIO of docker-compose.yml.
#   ./scripts/s3-local.sh start    start (idempotent), wait until it answers, create the bucket
#   ./scripts/s3-local.sh stop     stop the server this script started
#   ./scripts/s3-local.sh status   exit 0 if it runs, 3 if not
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.out"
host=127.0.0.1
port=9000
endpoint="http://$host:$port"
access_key=minioadmin
secret_key=minioadmin
bucket="${MINIO_BUCKET:-recsys-artifacts}"
data_dir="$out/s3"
pid_file="$out/s3proxy.pid"
log_file="$out/s3proxy.log"
props_file="$out/s3proxy.properties"
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
# One source of truth for the version: the parent pom, which the tests use too.
version="$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$root/pom.xml")"
jar="$out/tools/s3proxy-$version-jar-with-dependencies.jar"

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null && grep -q s3proxy "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

answers() {
  curl -s -o /dev/null --max-time 2 "$endpoint/"
}

fetch() {
  [[ -f "$jar" ]] && return
  echo "s3-local: fetching org.gaul:s3proxy:$version through Maven..." >&2
  (cd "$root" && mvn -B -q -N dependency:copy \
    -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" -DoutputDirectory="$out/tools") >&2
}

write_properties() {
  mkdir -p "$data_dir"
  cat > "$props_file" <<EOF
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access_key
s3proxy.credential=$secret_key
jclouds.provider=filesystem-nio2
jclouds.identity=x
jclouds.credential=x
jclouds.filesystem.basedir=$data_dir
EOF
}

create_bucket() {
  local code
  # curl 7.x signs SigV4 without a payload hash unless given one; S3 servers require it.
  code="$(curl -s -o "$out/s3proxy-bucket.xml" -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" \
    --user "$access_key:$secret_key" -H "x-amz-content-sha256: $empty_sha256" -X PUT "$endpoint/$bucket")"
  # 409 is BucketAlreadyOwnedByYou on a restart over existing data.
  if [[ "$code" != 200 && "$code" != 409 ]]; then
    echo "s3-local: creating bucket $bucket failed with HTTP $code: $(cat "$out/s3proxy-bucket.xml")" >&2
    exit 1
  fi
}

start() {
  if running_pid >/dev/null; then
    create_bucket
    echo "s3-local: already running at $endpoint (pid $(running_pid)), bucket $bucket"
    return
  fi
  if answers; then
    echo "s3-local: something else already answers on $endpoint; stop it first" >&2
    exit 1
  fi
  fetch
  write_properties
  nohup java -Xmx256m -jar "$jar" --properties "$props_file" >"$log_file" 2>&1 &
  echo $! > "$pid_file"
  for _ in $(seq 1 60); do
    if answers; then
      create_bucket
      echo "s3-local: running at $endpoint (pid $(cat "$pid_file")), keys $access_key/$secret_key, bucket $bucket, data in $data_dir"
      return
    fi
    if ! running_pid >/dev/null; then
      echo "s3-local: the server exited; see $log_file:" >&2
      tail -n 20 "$log_file" >&2
      rm -f "$pid_file"
      exit 1
    fi
    sleep 0.5
  done
  echo "s3-local: no answer on $endpoint after 30 s; see $log_file" >&2
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "s3-local: not running"
    return
  fi
  kill "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  rm -f "$pid_file"
  echo "s3-local: stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)" && answers; then
    echo "s3-local: running at $endpoint (pid $pid), bucket $bucket, data in $data_dir"
  else
    echo "s3-local: not running"
    exit 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
