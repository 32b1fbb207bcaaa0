from airflow.exceptions import AirflowException
from airflow.models import BaseOperator


class SparkSubmitOperator(BaseOperator):
    """execute() fails as SparkSubmitHook does when spark-submit exits non-zero (exit_code_for_test)."""
    exit_code_for_test = 0

    def execute(self, context):
        if self.exit_code_for_test != 0:
            raise AirflowException(f"Cannot execute: spark-submit ... Error code is: {self.exit_code_for_test}.")
        return None
