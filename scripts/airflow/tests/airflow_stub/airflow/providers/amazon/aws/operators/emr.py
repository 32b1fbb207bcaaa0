from airflow.models import BaseOperator


class EmrAddStepsOperator(BaseOperator):
    pass
