from datetime import datetime, timedelta


def last_tick(cron: str, at: datetime) -> datetime:
    """The latest daily tick `M H * * *` at or before `at` (the only form the stub models)."""
    minute, hour, *rest = cron.split()
    if rest != ["*", "*", "*"]:
        raise ValueError("the stub models daily crons only, got " + cron)
    tick = at.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)
    return tick if tick <= at else tick - timedelta(days=1)
