from airflow.models import BaseOperator


class S3KeySensor(BaseOperator):
    pass
