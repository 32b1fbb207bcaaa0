from airflow.models import BaseOperator


class EmrStepSensor(BaseOperator):
    pass
