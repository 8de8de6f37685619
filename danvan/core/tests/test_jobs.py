"""Background jobs, in real worker processes.

Elsewhere jobs run inline (``danvan/conftest.py``). Here a ``celery -A danvan worker``
subprocess takes them from a real broker and writes to the same database as the test:
- Redis (``DANVAN_TEST_BROKER_URL``, default database 3): a job sent twice is done once, and a
  worker killed (SIGKILL) in the middle of a job loses nothing — after a restart the job is
  done. Skipped when Redis does not answer, except on CI (``CI=true``), where that fails.
- the file-system transport of ``make run`` (no server at all): a job is done.

On PostgreSQL the worker uses the test database (``DATABASE_URL`` with its name). SQLite's
test database lives in the test process's memory, which no other process can open, so there
the worker and the test share a migrated SQLite file instead.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from danvan.celery import app as danvan_app
from danvan.core import tasks
from danvan.core.models import JobRun

ROOT = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("DANVAN_TEST_BROKER_URL", "redis://127.0.0.1:6379/3")
VISIBILITY_SECONDS = 5  # the smallest DANVAN_JOB_VISIBILITY_TIMEOUT settings accept
WAIT_SECONDS = 60
TOUCH = "danvan.core.tasks.touch"


# -- jobs run inline --------------------------------------------------------------------


def test_a_job_sent_twice_is_done_once(db):
    assert tasks.touch.delay("report-42").get() is True
    first = JobRun.objects.get(key="report-42").done_at
    assert tasks.touch.delay("report-42").get() is False
    assert list(JobRun.objects.values_list("key", "done_at")) == [("report-42", first)]


@pytest.mark.parametrize("key", ["", "   ", "x" * 201, None])
def test_a_job_needs_a_usable_key(db, key):
    with pytest.raises(ValueError):
        tasks.touch.delay(key)
    assert not JobRun.objects.exists()


def test_the_heartbeat_is_declared_in_code_and_runs_every_five_minutes():
    entry = danvan_app.conf.beat_schedule["core.heartbeat"]
    assert entry["task"] == "danvan.core.tasks.heartbeat" and entry["task"] in danvan_app.tasks
    assert entry["schedule"].minute == set(range(0, 60, 5))
    assert entry["options"]["expires"] < 5 * 60  # a stale heartbeat is dropped, not run late


def test_the_heartbeat_records_its_slot_once_and_forgets_old_slots(db, monkeypatch):
    now = dt.datetime(2026, 3, 2, 8, 7, 30, tzinfo=dt.UTC)  # 15:07 in Hà Nội
    monkeypatch.setattr(timezone, "now", lambda: now)
    JobRun.objects.create(key="heartbeat:2026-02-20T10:00", done_at=now - dt.timedelta(days=8))
    JobRun.objects.create(key="heartbeat:2026-02-26T10:00", done_at=now - dt.timedelta(days=4))
    JobRun.objects.create(key="report-1", done_at=now - dt.timedelta(days=30))

    assert tasks.heartbeat.delay().get() == "heartbeat:2026-03-02T15:05"
    tasks.heartbeat.delay()

    assert sorted(JobRun.objects.values_list("key", flat=True)) == [
        "heartbeat:2026-02-26T10:00",
        "heartbeat:2026-03-02T15:05",
        "report-1",
    ]


# -- real worker processes ---------------------------------------------------------------


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, text: str, *, timeout: float = WAIT_SECONDS) -> None:
        wait_until(lambda: text in self.log(), f"{text!r} in the log", [self], timeout)

    def kill(self) -> int:
        """SIGKILL the worker and its children: no clean-up, no acknowledgement."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=WAIT_SECONDS)


def wait_until(
    predicate: Callable[[], bool], what: str, workers: list[Worker], timeout=WAIT_SECONDS
):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        for worker in workers:
            if worker.process.poll() is not None:
                pytest.fail(f"the worker stopped while waiting for {what}:\n{worker.log()}")
        time.sleep(0.1)
    logs = "\n".join(w.log()[-4000:] for w in workers)
    pytest.fail(f"waited {timeout} s for {what}; worker log:\n{logs}")


@pytest.fixture
def start_worker(tmp_path):
    """``start_worker(env, *args)``: a ``celery -A danvan worker`` subprocess, killed at the end."""
    started: list[Worker] = []

    def start(env: dict[str, str], *args: str) -> Worker:
        log_path = tmp_path / f"worker-{len(started)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "danvan", "worker", "--loglevel", "INFO"]
                + list(args),
                cwd=ROOT,
                env={**os.environ, "PYTHONUNBUFFERED": "1", "DANVAN_JOBS_EAGER": "0", **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches its children
            )
        worker = Worker(process, log_path)
        started.append(worker)
        worker.wait_for(" ready.")
        return worker

    yield start
    for worker in started:
        worker.kill()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite file with every migration applied, to copy for each test."""
    folder = tmp_path_factory.mktemp("jobs-db")
    path = folder / "danvan.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DANVAN_VAR_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return path


@dataclass
class JobsDatabase:
    """The database the worker writes to, and how the test reads what it did."""

    url: str
    sqlite_path: Path | None = None

    def done(self, key: str) -> int:
        """How many ledger rows job ``key`` has (0 or 1: the key is unique)."""
        if self.sqlite_path is None:
            return JobRun.objects.filter(key=key).count()
        with sqlite3.connect(self.sqlite_path, timeout=20) as db:
            return db.execute("SELECT count(*) FROM core_jobrun WHERE key = ?", [key]).fetchone()[0]


def _postgres_url() -> str:
    s = connection.settings_dict  # during a test: the test database's name
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{user}{password}@{s['HOST'] or 'localhost'}{port}/{quote(s['NAME'])}"


@pytest.fixture
def jobs_db(transactional_db, migrated_sqlite, tmp_path) -> JobsDatabase:
    if connection.vendor == "postgresql":
        return JobsDatabase(url=_postgres_url())
    if connection.vendor != "sqlite":
        pytest.skip(f"no real-worker test for {connection.vendor}")
    path = tmp_path / "var" / "danvan.sqlite3"
    path.parent.mkdir()
    shutil.copy(migrated_sqlite, path)
    return JobsDatabase(url=f"sqlite:///{path}", sqlite_path=path)


@pytest.fixture
def redis_queue():
    """A queue of its own on the test Redis (parallel test processes share its database)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis does not answer at {REDIS_URL} ({error}); real-worker tests need it."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message + " Start Redis or set DANVAN_TEST_BROKER_URL.")
    queue = f"danvan-test-{uuid.uuid4().hex[:12]}"
    yield queue
    with suppress(redis.RedisError):
        _forget_queue(client, queue)
        client.close()


def _forget_queue(client, queue: str) -> None:
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)
    for key in client.scan_iter(match="_kombu.binding.*"):
        for member in client.smembers(key):
            if queue.encode() in member:
                client.srem(key, member)
    for tag, payload in client.hgetall("unacked").items():
        if queue.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def _producer(broker_url: str, **options) -> Celery:
    """A client of the broker only; the project's app runs jobs inline in tests."""
    producer = Celery("danvan-test-producer", broker=broker_url, set_as_current=False)
    producer.conf.update(task_serializer="json", **options)
    return producer


def _redis_worker(start_worker, jobs_db: JobsDatabase, queue: str, tmp_path: Path) -> Worker:
    env = {
        "DANVAN_BROKER_URL": REDIS_URL,
        "DANVAN_JOB_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
        "DATABASE_URL": jobs_db.url,
        "DANVAN_VAR_DIR": str(tmp_path / "var"),
    }
    return start_worker(
        env,
        # prefork: the main process takes messages and acknowledges them while a child runs
        # the job, as in production. (With --pool solo a job blocks the acknowledgement of
        # its own message, so this test would pass even without acks_late.)
        "--pool",
        "prefork",
        "--concurrency",
        "1",
        "--queues",
        queue,
        "--hostname",
        f"{queue}@%h",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
    )


def test_a_real_worker_does_a_job_sent_twice_once(start_worker, jobs_db, redis_queue, tmp_path):
    worker = _redis_worker(start_worker, jobs_db, redis_queue, tmp_path)
    producer = _producer(REDIS_URL)
    try:
        producer.send_task(TOUCH, args=["report-7"], queue=redis_queue)
        producer.send_task(TOUCH, args=["report-7"], queue=redis_queue)
        producer.send_task(TOUCH, args=["after"], queue=redis_queue)
    finally:
        producer.close()

    # One worker takes a queue in order: when "after" is done, both copies have run.
    wait_until(lambda: jobs_db.done("after") == 1, "the job sent last", [worker])
    assert jobs_db.done("report-7") == 1
    log = worker.log()
    assert log.count("job report-7: started") == 2
    assert log.count("job report-7: done") == 1
    assert log.count("job report-7: already done") == 1


def test_a_worker_killed_in_the_middle_of_a_job_loses_nothing(
    start_worker, jobs_db, redis_queue, tmp_path
):
    first = _redis_worker(start_worker, jobs_db, redis_queue, tmp_path)
    producer = _producer(REDIS_URL)
    try:
        producer.send_task(TOUCH, args=["report-8"], kwargs={"pause": 8}, queue=redis_queue)
    finally:
        producer.close()
    first.wait_for("job report-8: started")

    assert first.kill() == -signal.SIGKILL
    killed_at = time.monotonic()
    assert jobs_db.done("report-8") == 0
    assert "job report-8: done" not in first.log()

    # The broker gives an unacknowledged job back once the visibility timeout has passed; a
    # worker looks for such jobs when it starts (and then every ~100 s).
    time.sleep(max(0.0, killed_at + VISIBILITY_SECONDS + 1 - time.monotonic()))
    second = _redis_worker(start_worker, jobs_db, redis_queue, tmp_path)

    wait_until(lambda: jobs_db.done("report-8") == 1, "the job after the restart", [second])
    assert "job report-8: done" in second.log()


def test_the_worker_of_make_run_needs_no_server(start_worker, migrated_sqlite, tmp_path):
    """``make run``: the file-system transport under var/broker and SQLite under var/."""
    var = tmp_path / "var"
    (var / "broker").mkdir(parents=True)
    shutil.copy(migrated_sqlite, var / "danvan.sqlite3")
    env = {
        "DANVAN_BROKER_URL": "filesystem://",
        "DANVAN_VAR_DIR": str(var),
        "DATABASE_URL": "",  # the default: var/danvan.sqlite3
        "REDIS_URL": "",
    }
    # The command line of ``manage.py serve``: worker and scheduler in one process.
    worker = start_worker(
        env, "-B", "--pool", "solo", "--schedule", str(var / "celerybeat-schedule")
    )
    folder = str(var / "broker")
    producer = _producer(
        "filesystem://",
        broker_transport_options={
            "data_folder_in": folder,
            "data_folder_out": folder,
            "control_folder": str(var / "broker" / "control"),
        },
    )
    try:
        producer.send_task(TOUCH, args=["report-9"])
    finally:
        producer.close()

    database = JobsDatabase(url="", sqlite_path=var / "danvan.sqlite3")
    wait_until(lambda: database.done("report-9") == 1, "the job", [worker])
    assert "beat: Starting..." in worker.log()
    assert not list((var / "broker").glob("*.msg"))  # taken off the queue
    # kombu's bindings stay under var/broker, never in the folder the command runs from
    assert (var / "broker" / "control").is_dir()
    assert not (Path(settings.BASE_DIR) / "control").exists()
