"""Daily recsys-pipelines run as one SparkSubmitOperator task per day.

The data interval's start is the day processed (`--date`), so a re-run or a catch-up of a past
interval processes exactly that day again; `run` is idempotent (same input: identical canonical
data, no new blob, no new history entry), so Airflow retries and clears are safe.

Retries only where they can help. recsys-pipelines exits with documented codes:
  0 ok, 1 unexpected, 2 usage/config, 3 input rejected, 4 limit exceeded, 5 publish gate refused,
  6 a concurrent publish won, 7 storage unreachable or failing.
6 and 7 are retried (with backoff); 2, 3, 4 and 5 fail the task at once, because running the same
input again gives the same answer; 1 is retried once by the default retries.

Exit codes reach Airflow in client deploy mode (the default below). In YARN/Kubernetes cluster mode
spark-submit only reports that the application failed, not its code: keep client mode on the
scheduler's edge node or read the run report (storage.reports) to classify failures.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

RETRYABLE_EXIT_CODES = {1, 6, 7}
JAR = "/opt/recsys-pipelines/recsys-pipelines.jar"
CONFIG = "/opt/recsys-pipelines/conf/production.conf"


class RecsysPipelinesSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails without retrying when the exit code says a retry cannot help."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            # SparkSubmitHook raises "Cannot execute: <cmd>. Error code is: <n>."
            match = re.search(r"Error code is: (-?\d+)", str(error))
            code = int(match.group(1)) if match else None
            if code is not None and code not in RETRYABLE_EXIT_CODES:
                raise AirflowFailException(f"recsys-pipelines exited with {code}; not retryable") from error
            raise


with DAG(
    dag_id="recsys_pipelines_daily",
    description="Canonicalize, aggregate, build and publish recommender artifacts for yesterday",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "retries": 3,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    tags=["recsys"],
) as dag:
    RecsysPipelinesSubmitOperator(
        task_id="run",
        conn_id="spark_default",
        application=JAR,
        java_class="io.recsys.pipelines.jobs.cli.Main",
        name="recsys-pipelines-run-{{ data_interval_start | ds }}",
        conf={
            "spark.sql.adaptive.enabled": "true",
            "spark.yarn.maxAppAttempts": "1",
        },
        application_args=[
            "run",
            "--date", "{{ data_interval_start | ds }}",
            # Client mode: the driver runs here and reads the config from this host's disk.
            "--config", CONFIG,
        ],
        deploy_mode="client",
        verbose=False,
        execution_timeout=timedelta(hours=3),
    )
