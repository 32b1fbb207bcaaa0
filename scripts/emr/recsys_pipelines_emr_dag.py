"""The daily run as an EMR step from Airflow (apache-airflow-providers-amazon; Airflow 2.x and 3.x).

EmrAddStepsOperator adds the step with the finished UTC day templated in (its `steps` field is
rendered by Airflow), EmrStepSensor waits for the step and fails the task when the step fails.
Which day and why the timetable is explicit: see scripts/airflow/recsys_pipelines_dag.py.

Client deploy mode (below): the driver runs inside the step on the primary node, so the step's stderr
(<log-uri>/<cluster-id>/steps/<step-id>/stderr.gz) holds the driver's `exit code N (...)` line and the
step fails with that exit code. In cluster deploy mode the step only reports that the application
failed; the driver's log is under <log-uri>/<cluster-id>/containers/<application id>/.
EmrStepSensor does not expose the exit code to Airflow, so retries here cannot tell 3 (input rejected)
from 7 (storage): keep retries low, or run spark-submit from Airflow in client mode instead
(scripts/airflow/recsys_pipelines_dag.py), which classifies the codes.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.timetables.interval import CronDataIntervalTimetable

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG

CLUSTER_ID = "j-XXXXXXXXXXXXX"
# EMR 7.x runs Spark 3.5: the spark3.5_2.12 jar; EMR 8 (Spark 4.0): the spark4.0_2.13 jar.
JAR_URI = "s3://my-bucket/recsys-pipelines/recsys-pipelines-spark3.5_2.12-0.1.0-SNAPSHOT.jar"
# Client mode reads the config on the primary node (put there by a bootstrap action).
CONFIG_PATH = "/home/hadoop/production.conf"
DAY = "{{ data_interval_start | ds }}"

STEPS = [
    {
        "Name": "recsys-pipelines run " + DAY,
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": [
                "spark-submit", "--deploy-mode", "client",
                "--class", "io.recsys.pipelines.jobs.cli.Main",
                "--conf", "spark.yarn.maxAppAttempts=1",
                JAR_URI,
                "run", "--date", DAY, "--config", CONFIG_PATH,
            ],
        },
    }
]

with DAG(
    dag_id="recsys_pipelines_daily_emr",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-platform", "retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["recsys"],
) as dag:
    add_step = EmrAddStepsOperator(
        task_id="add_step",
        job_flow_id=CLUSTER_ID,
        steps=STEPS,
        aws_conn_id="aws_default",
    )
    wait_for_step = EmrStepSensor(
        task_id="wait_for_step",
        job_flow_id=CLUSTER_ID,
        step_id="{{ task_instance.xcom_pull(task_ids='add_step')[0] }}",
        aws_conn_id="aws_default",
        mode="reschedule",
        poke_interval=60,
        timeout=4 * 60 * 60,
    )
    add_step >> wait_for_step
