"""The ETL scheduler (APScheduler 3.11): the configured inbox and upstream jobs on cron or interval triggers.

Every job runs with ``max_instances=1``, coalescing and a misfire grace time, in the city's timezone. The
database-level import lock (``etl.lock``) keeps a job from running while any other import runs, in this process
or another one: such a round is skipped and the next one picks the work up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from config import Settings
from data.clock import local_now, log_in_zone
from data.engine import Store
from etl.heartbeat import add_heartbeat_job
from etl.load import LoadResult
from etl.lock import ImportBusy

log = logging.getLogger("battlemap.etl")
CLOSE_QUARTERS = "close_quarters"  # every night at 00:01: a quarter that ended at midnight is issued


def _describe(result: LoadResult) -> str:
    return (
        f"{result.file}：{result.status}，新增 {result.rows_inserted}，更新 {result.rows_updated}，"
        f"拒绝 {result.rows_rejected}"
    )


class EtlJobs:
    """The job functions, sharing one store opened (and migrated) on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from etl.bootstrap import prepare_store

            self._store, _notes = prepare_store(self.settings)
        return self._store

    def _run(self, label: str, work: Callable[[Store, Settings], list[LoadResult]]) -> int:
        """Run one import job; a round where another import holds the lock is skipped (the next one catches up)."""
        try:
            results = work(self.store, self.settings)
        except ImportBusy as exc:
            log.info("%s任务本轮跳过：%s", label, exc)
            return 0
        for result in results:
            log.info("%s %s", label, _describe(result))
        return len(results)

    def inbox(self) -> int:
        """Process the inbox; returns how many files were loaded or failed (0 when the lock was busy)."""
        from etl.inbox import run_inbox

        return self._run("收件箱", lambda store, settings: [r for o in run_inbox(store, settings) for r in o.results])

    def upstream(self) -> int:
        """Read the upstream sources; returns how many were read (0 when the lock was busy)."""
        from etl.upstream import run_upstream

        return self._run("上游数据库", run_upstream)

    def close_quarters(self) -> int:
        """Issue the quarters that have closed (``etl.quarters``); returns how many were issued."""
        from etl.load import bump_data_version
        from etl.quarters import close_quarters

        now = local_now(self.settings.timezone)
        with self.store.write() as conn:
            issued = close_quarters(conn, self.settings, now)
            if issued:
                bump_data_version(conn, now)
        for quarter in issued:
            log.info("季度排名已发布：%s", quarter)
        return len(issued)

    def action(self, name: str) -> Callable[[], int]:
        return {"inbox": self.inbox, "upstream": self.upstream}[name]


def build_scheduler(settings: Settings, scheduler_class: type[BaseScheduler] = BackgroundScheduler) -> BaseScheduler:
    """A scheduler (not started) with one job per ``[[scheduler.jobs]]`` entry of the configuration."""
    etl = settings.etl
    defaults = {"max_instances": 1, "coalesce": etl.coalesce, "misfire_grace_time": etl.misfire_grace_seconds}
    scheduler = scheduler_class(timezone=ZoneInfo(settings.timezone), job_defaults=defaults)
    jobs = EtlJobs(settings)
    for job in etl.jobs:
        scheduler.add_job(
            jobs.action(job.action),
            job.trigger,
            id=job.name,
            name=job.name,
            replace_existing=True,
            **defaults,
            **job.fields,
        )
    scheduler.add_job(jobs.close_quarters, "cron", hour=0, minute=1, id=CLOSE_QUARTERS, name=CLOSE_QUARTERS, **defaults)
    return scheduler


def start_background_scheduler(settings: Settings) -> BackgroundScheduler:
    """Start the ETL jobs in a background thread of this process (``python app.py`` on a single machine)."""
    scheduler = build_scheduler(settings, BackgroundScheduler)
    scheduler.start()
    assert isinstance(scheduler, BackgroundScheduler)
    return scheduler


def run_blocking_scheduler(settings: Settings) -> None:
    """Run the ETL jobs in the foreground until interrupted (``battlemap scheduler``)."""
    log_in_zone(settings.timezone, "%(asctime)s %(levelname)s %(message)s")
    scheduler = build_scheduler(settings, BlockingScheduler)
    add_heartbeat_job(scheduler, settings)
    for job in scheduler.get_jobs():
        log.info("定时任务 %s：%s", job.id, job.trigger)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("调度器已停止")
