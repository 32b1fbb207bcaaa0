from datetime import timedelta

from airflow.timetables._cron import last_tick


class CronDataIntervalTimetable:
    """A run at the end of each interval; the interval is the one that just ended."""

    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = str(timezone)

    def interval_for(self, run_after):
        end = last_tick(self.cron, run_after)
        return end - timedelta(days=1), end
