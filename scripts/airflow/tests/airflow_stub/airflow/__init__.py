"""A small stand-in for the parts of Airflow's API the DAG uses (Airflow itself cannot be installed
where the tests run). It models what decides which day a run processes: the timetable a schedule
becomes on Airflow 2 and on Airflow 3 (AIRFLOW_STUB_MAJOR=2|3), the data interval of a run, and the
rendering of `{{ data_interval_start | ds }}`. It is not Airflow: the DAG still needs a real parse
(`python -c "import recsys_pipelines_dag"` on a scheduler) before production."""
import os

MAJOR = int(os.environ.get("AIRFLOW_STUB_MAJOR", "2"))

from airflow.models import DAG, BaseOperator  # noqa: E402,F401  (Airflow 2's `from airflow import DAG`)
