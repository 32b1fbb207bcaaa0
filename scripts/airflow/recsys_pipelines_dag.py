"""Daily recsys-pipelines run: wait for the finished day's input, then one spark-submit per day.

Works on Airflow 2.x and 3.x alike (apache-airflow-providers-apache-spark and -amazon installed).

Which day: the schedule is an explicit CronDataIntervalTimetable in UTC, so on both versions a run
covers the data interval [day 00:00, next day 00:00) and starts once that day has ended;
`{{ data_interval_start | ds }}` is that finished day. (A plain "@daily" string would differ: Airflow 3
turns it into a CronTriggerTimetable, whose interval starts at the run time, i.e. the day that just
began, and `run` would fail with exit 3 every day for lack of input.)

Input: an S3KeySensor waits (in reschedule mode, freeing its worker slot) for the day's exposure
file before Spark starts. Point INPUT_KEY at what `input.exposures` reads.

Catch-up is off: enabling the DAG runs only the latest finished day, never a queue of past ones.
Back-fill a range with one run, which canonicalizes the range in one Spark session and writes one
history entry per pair:
    spark-submit ... recsys-pipelines.jar run --start 2026-01-01 --end 2026-01-31 --config ...
or, to go through this DAG day by day (one publish per day):
    Airflow 2: airflow dags backfill -s 2026-01-01 -e 2026-01-31 recsys_pipelines_daily
    Airflow 3: airflow backfill create --dag-id recsys_pipelines_daily --from-date 2026-01-01 --to-date 2026-01-31
max_active_runs=1 keeps days in order either way.

Retries only where they can help. recsys-pipelines exits with documented codes:
  0 ok, 1 unexpected, 2 usage/config, 3 input rejected, 4 limit exceeded, 5 publish gate refused,
  6 a concurrent publish won, 7 storage unreachable or failing.
1, 6 and 7, and a killed container or process (137 = SIGKILL, e.g. out of memory or preemption;
143 = SIGTERM; -9/-15 when spark-submit itself was killed), are retried: up to 3 retries with
exponential backoff from 5 minutes (capped at 30). 2, 3, 4 and 5 fail the task at once, because
running the same input again gives the same answer. `run` is idempotent (same input: no new blob,
no new history entry), so retries and clears are safe.

Exit codes reach Airflow in client deploy mode (below): the driver runs in spark-submit's JVM on the
worker, which exits with the code. In YARN cluster mode spark-submit exits 1 for any failed
application (the real code is the YARN application's exit status and in its driver log), so every
failure would look retryable: keep client mode here, or read the run report (storage.reports).

on_task_failure is the hook point for alerting (pager, chat); it receives the Airflow context.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone

from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

try:  # Airflow 3: the authoring API lives in the task SDK
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG

RETRIES = 3
RETRYABLE_EXIT_CODES = {1, 6, 7, 137, 143, -9, -15}
JAR = "/opt/recsys-pipelines/recsys-pipelines.jar"
CONFIG = "/opt/recsys-pipelines/conf/production.conf"
INPUT_BUCKET = "recsys-raw"
INPUT_KEY = "exposures/{{ data_interval_start | ds }}.jsonl"
DAY = "{{ data_interval_start | ds }}"

log = logging.getLogger(__name__)


def exit_code_of(error: BaseException) -> int | None:
    """SparkSubmitHook raises "Cannot execute: <cmd>. Error code is: <n>."."""
    match = re.search(r"Error code is: (-?\d+)", str(error))
    return int(match.group(1)) if match else None


class RecsysPipelinesSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails without retrying when the exit code says a retry cannot help."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            code = exit_code_of(error)
            if code is not None and code not in RETRYABLE_EXIT_CODES:
                raise AirflowFailException(f"recsys-pipelines exited with {code}; not retryable") from error
            raise


def on_task_failure(context) -> None:
    """Hook point: page or post here. Called once a task has failed for good (after its retries)."""
    task_instance = context.get("task_instance") or context.get("ti")
    log.error("recsys-pipelines %s failed for %s: %s", getattr(task_instance, "task_id", "?"),
              context.get("ds"), context.get("exception"))


with DAG(
    dag_id="recsys_pipelines_daily",
    description="Canonicalize, aggregate, build and publish recommender artifacts for the finished UTC day",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "retries": RETRIES,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "on_failure_callback": on_task_failure,
    },
    tags=["recsys"],
) as dag:
    wait_for_input = S3KeySensor(
        task_id="wait_for_input",
        bucket_name=INPUT_BUCKET,
        bucket_key=INPUT_KEY,
        aws_conn_id="aws_default",
        mode="reschedule",
        poke_interval=10 * 60,
        timeout=12 * 60 * 60,
    )
    run = RecsysPipelinesSubmitOperator(
        task_id="run",
        conn_id="spark_default",
        application=JAR,
        java_class="io.recsys.pipelines.jobs.cli.Main",
        name="recsys-pipelines-run-" + DAY,
        conf={
            "spark.yarn.maxAppAttempts": "1",
        },
        application_args=[
            "run",
            "--date", DAY,
            # Client mode: the driver runs here and reads the config from this host's disk.
            "--config", CONFIG,
        ],
        deploy_mode="client",
        verbose=False,
        execution_timeout=timedelta(hours=3),
    )
    wait_for_input >> run
