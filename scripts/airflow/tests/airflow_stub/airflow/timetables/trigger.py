from airflow.timetables._cron import last_tick


class CronTriggerTimetable:
    """A run at each tick; its data interval is the tick itself (start == end == run time)."""

    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = str(timezone)

    def interval_for(self, run_after):
        tick = last_tick(self.cron, run_after)
        return tick, tick
