#!/usr/bin/env bash
# The core tests on the non-default Spark lines (docs/spark-lines.md): for each line, the modules are
# built with that line's Spark, Scala, Hadoop and Jackson into their own target/spark<line>_<scala>/
# folders, and the daily run, S3, publish and exit-code tests run, then SparkSubmitIT submits that
# line's shaded jar through that line's spark-submit (client mode). CI runs it after `mvn -B verify`.
#
#   scripts/verify-spark-lines.sh [4.0] [3.5]      # default: both
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lines=("$@")
[[ ${#lines[@]} -gt 0 ]] || lines=(4.0 3.5)
core_tests='DailyRunTest,S3RunTest,HadoopObjectStoreS3Test,ConcurrentPublishTest,PointerCompareAndSwapTest,LauncherExitTest'

for line in "${lines[@]}"; do
  case "$line" in
    4.0|3.5) ;;
    *) echo "verify-spark-lines.sh: unknown line $line (4.0 or 3.5; the default 4.1 is mvn -B verify)" >&2; exit 2 ;;
  esac
  echo "=== Spark $line: core tests and SparkSubmitIT ==="
  mvn -B -P"spark-$line" -pl common,manifest-registry,jobs verify \
    -Dtest="$core_tests" -Dit.test=SparkSubmitIT \
    -Dsurefire.failIfNoSpecifiedTests=false
done
