"""Tests of scripts/airflow/recsys_pipelines_dag.py against a stub of Airflow's API (airflow_stub/),
under Airflow 2 and Airflow 3 semantics: which day a scheduled run processes, the input sensor, the
scheduling settings and which exit codes are retried. Run by `mvn -B verify` (AirflowDagTest) or:
    python3 -m unittest discover -s scripts/airflow/tests -v
"""
import importlib.util
import os
import sys
import unittest
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAG_FILE = HERE.parent / "recsys_pipelines_dag.py"
OLD_STYLE_SCHEDULE = '"@daily"'


EMR_DAG_FILE = HERE.parent.parent / "emr" / "recsys_pipelines_emr_dag.py"


def load_dag(major: int, source: str | None = None, path: Path = DAG_FILE):
    """Imports a DAG file afresh with the stub pretending to be Airflow `major`."""
    os.environ["AIRFLOW_STUB_MAJOR"] = str(major)
    for name in [n for n in sys.modules if n == "airflow" or n.startswith("airflow.")]:
        del sys.modules[name]
    sys.modules.pop("recsys_pipelines_dag", None)
    if str(HERE / "airflow_stub") not in sys.path:
        sys.path.insert(0, str(HERE / "airflow_stub"))
    spec = importlib.util.spec_from_file_location("recsys_pipelines_dag", path)
    module = importlib.util.module_from_spec(spec)
    if source is None:
        spec.loader.exec_module(module)
    else:
        exec(compile(source, str(path), "exec"), module.__dict__)
    return module


def run_date(module, run_after: datetime) -> str:
    dag = module.dag
    context = dag.context_for(run_after)
    args = dag.tasks["run"].rendered("application_args", context)
    return args[args.index("--date") + 1]


# The scheduler starts the run for day D once D has ended: at 00:00 UTC of D+1 (or a bit later).
RUN_AFTER = datetime(2026, 1, 3, 0, 0, 5, tzinfo=timezone.utc)
FINISHED_DAY = "2026-01-02"


class WhichDay(unittest.TestCase):
    def test_on_airflow_2_a_run_processes_the_day_that_just_ended(self):
        self.assertEqual(FINISHED_DAY, run_date(load_dag(2), RUN_AFTER))

    def test_on_airflow_3_a_run_processes_the_day_that_just_ended(self):
        self.assertEqual(FINISHED_DAY, run_date(load_dag(3), RUN_AFTER))

    def test_a_run_late_in_the_day_still_processes_the_previous_day(self):
        late = datetime(2026, 1, 3, 23, 0, tzinfo=timezone.utc)
        for major in (2, 3):
            self.assertEqual(FINISHED_DAY, run_date(load_dag(major), late), f"Airflow {major}")

    def test_the_schedule_is_an_explicit_utc_interval_timetable(self):
        for major in (2, 3):
            timetable = load_dag(major).dag.timetable
            self.assertEqual("CronDataIntervalTimetable", type(timetable).__name__, f"Airflow {major}")
            self.assertEqual("UTC", timetable.timezone)

    def test_the_old_daily_string_would_ask_airflow_3_for_the_day_that_just_began(self):
        """What the stub models, shown on the previous DAG's schedule: "@daily" is right on 2 only."""
        source = DAG_FILE.read_text()
        old = source.replace('CronDataIntervalTimetable("0 0 * * *", timezone="UTC")', OLD_STYLE_SCHEDULE)
        self.assertNotEqual(source, old)
        self.assertEqual(FINISHED_DAY, run_date(load_dag(2, old), RUN_AFTER))
        self.assertEqual("2026-01-03", run_date(load_dag(3, old), RUN_AFTER))


class EmrSteps(unittest.TestCase):
    def test_the_emr_step_runs_the_finished_day_in_client_mode_on_airflow_2_and_3(self):
        for major in (2, 3):
            module = load_dag(major, path=EMR_DAG_FILE)
            dag = module.dag
            steps = dag.tasks["add_step"].rendered("steps", dag.context_for(RUN_AFTER))
            args = steps[0]["HadoopJarStep"]["Args"]
            self.assertEqual(FINISHED_DAY, args[args.index("--date") + 1], f"Airflow {major}")
            self.assertEqual("client", args[args.index("--deploy-mode") + 1])
            self.assertIn("add_step", dag.tasks["wait_for_step"].upstream)
            self.assertFalse(dag.catchup)


class Settings(unittest.TestCase):
    def setUp(self):
        self.module = load_dag(3)
        self.dag = self.module.dag

    def test_the_sensor_waits_for_the_same_days_input_before_spark_starts(self):
        sensor = self.dag.tasks["wait_for_input"]
        context = self.dag.context_for(RUN_AFTER)
        self.assertEqual(f"exposures/{FINISHED_DAY}.jsonl", sensor.rendered("bucket_key", context))
        self.assertEqual("reschedule", sensor.kwargs["mode"])
        self.assertIn("wait_for_input", self.dag.tasks["run"].upstream)

    def test_no_catch_up_one_run_at_a_time_client_mode(self):
        self.assertFalse(self.dag.catchup)
        self.assertEqual(1, self.dag.max_active_runs)
        self.assertEqual("client", self.dag.tasks["run"].kwargs["deploy_mode"])

    def test_retries_match_the_docstring_and_a_failure_callback_is_set(self):
        retries = self.dag.default_args["retries"]
        self.assertIn(f"up to {retries} retries", " ".join(self.module.__doc__.split()))
        self.assertTrue(callable(self.dag.default_args["on_failure_callback"]))
        self.module.on_task_failure({"ds": FINISHED_DAY, "exception": RuntimeError("x")})


class ExitCodes(unittest.TestCase):
    def setUp(self):
        self.module = load_dag(2)
        self.exceptions = sys.modules["airflow.exceptions"]

    def outcome(self, code):
        task = self.module.dag.tasks["run"]
        task.exit_code_for_test = code
        try:
            task.execute({})
        except self.exceptions.AirflowFailException:
            return "fail"
        except self.exceptions.AirflowException:
            return "retry"
        return "ok"

    def test_retryable_codes_and_killed_containers_are_retried(self):
        for code in (1, 6, 7, 137, 143, -9, -15):
            self.assertEqual("retry", self.outcome(code), f"exit {code}")

    def test_codes_that_give_the_same_answer_again_fail_at_once(self):
        for code in (2, 3, 4, 5):
            self.assertEqual("fail", self.outcome(code), f"exit {code}")

    def test_success(self):
        self.assertEqual("ok", self.outcome(0))


if __name__ == "__main__":
    unittest.main()
