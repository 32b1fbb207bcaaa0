import re
from datetime import datetime, timedelta

import airflow
from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.timetables.trigger import CronTriggerTimetable

_current = []


def _timetable(schedule):
    """What Airflow makes of `schedule`: a cron preset string is a data-interval timetable on
    Airflow 2 and a trigger timetable on Airflow 3 (its default create_cron_data_intervals=False)."""
    if not isinstance(schedule, str):
        return schedule
    cron = {"@daily": "0 0 * * *"}.get(schedule, schedule)
    if airflow.MAJOR >= 3:
        return CronTriggerTimetable(cron, timezone="UTC")
    return CronDataIntervalTimetable(cron, timezone="UTC")


class DAG:
    def __init__(self, dag_id, schedule=None, start_date=None, catchup=None, max_active_runs=16,
                 default_args=None, **kwargs):
        self.dag_id = dag_id
        self.timetable = _timetable(schedule)
        self.start_date = start_date
        # Airflow 2's default catchup is True (catchup_by_default), Airflow 3's False.
        self.catchup = (airflow.MAJOR < 3) if catchup is None else catchup
        self.max_active_runs = max_active_runs
        self.default_args = default_args or {}
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()

    def context_for(self, run_after: datetime) -> dict:
        start, end = self.timetable.interval_for(run_after)
        # Airflow 3: logical_date = data interval start for interval timetables, the run time for
        # trigger timetables; the stub's interval_for returns exactly that as `start`.
        return {"data_interval_start": start, "data_interval_end": end, "logical_date": start,
                "ds": start.strftime("%Y-%m-%d")}


_EXPR = re.compile(r"\{\{\s*(\w+)(?:\s*\|\s*(\w+))?\s*\}\}")


def render(value, context):
    """Renders the two Jinja forms the DAG uses: `{{ var }}` and `{{ var | ds }}`."""
    if isinstance(value, str):
        def one(match):
            v = context[match.group(1)]
            if match.group(2) == "ds":
                return v.strftime("%Y-%m-%d")
            if match.group(2):
                raise ValueError("filter not modelled by the stub: " + match.group(2))
            return str(v)
        return _EXPR.sub(one, value)
    if isinstance(value, (list, tuple)):
        return [render(v, context) for v in value]
    if isinstance(value, dict):
        return {k: render(v, context) for k, v in value.items()}
    return value


class BaseOperator:
    template_fields = ()

    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = set()
        self.dag = _current[-1] if _current else None
        if self.dag is not None:
            self.dag.tasks[task_id] = self
            merged = dict(self.dag.default_args)
            merged.update(kwargs)
            self.kwargs = merged

    def rendered(self, name, context):
        return render(self.kwargs[name], context)

    def __rshift__(self, other):
        other.upstream.add(self.task_id)
        return other
