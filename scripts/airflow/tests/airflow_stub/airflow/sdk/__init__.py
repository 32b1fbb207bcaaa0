import airflow

if airflow.MAJOR < 3:
    raise ImportError("airflow.sdk exists from Airflow 3 on")

from airflow.models import DAG  # noqa: E402,F401
