"""``manage.py serve`` (make run) supervises its processes: a killed worker is started again,
SIGTERM stops everything, and a start after a crash does not fail with "Address already in
use"."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(predicate, seconds=60, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"waited {seconds} s for {what}")


def _alive(pid) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _healthy(port) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:  # noqa: S310
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture
def office(tmp_path):
    env = {
        **os.environ,
        "DANVAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'danvan.sqlite3'}",
        "DANVAN_BROKER_URL": "",
        "REDIS_URL": "",
        "DANVAN_WEB_WORKERS": "1",
        "DANVAN_WEB_THREADS": "2",
        "DANVAN_JOBS_EAGER": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return env, tmp_path


def _serve(env, port, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_serve_restarts_a_killed_worker_and_stops_cleanly(office):
    env, var = office
    port = _free_port()
    with (var / "serve.log").open("wb") as log:
        serve = _serve(env, port, log)
        try:
            _wait(lambda: _healthy(port), what="the site")
            state = json.loads((var / "serve.json").read_text())
            worker, web = state["children"]["worker"], state["children"]["web"]
            os.kill(worker, signal.SIGKILL)
            _wait(
                lambda: (
                    json.loads((var / "serve.json").read_text())["children"]["worker"] != worker
                ),
                what="a new worker",
            )
            new_worker = json.loads((var / "serve.json").read_text())["children"]["worker"]
            assert _alive(new_worker)

            serve.send_signal(signal.SIGTERM)
            assert serve.wait(timeout=60) == 0
            _wait(lambda: not _alive(new_worker) and not _alive(web), 10, "no orphan")
            assert not _healthy(port)
            assert not (var / "serve.json").exists()
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)


def test_a_start_after_a_crash_reclaims_the_port(office):
    env, var = office
    port = _free_port()
    with (var / "serve.log").open("wb") as log:
        first = _serve(env, port, log)
        second = None
        try:
            _wait(lambda: _healthy(port), what="the site")
            os.kill(first.pid, signal.SIGKILL)  # the supervisor dies: a crash, a kill -9
            first.wait()
            second = _serve(env, port, log)
            _wait(lambda: _healthy(port) and second.poll() is None, what="the second start")
            time.sleep(1)
            assert second.poll() is None
        finally:
            for process in (first, second):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=60)
    assert "Address already in use" not in (var / "serve.log").read_text(errors="replace")


def test_a_port_held_by_another_program_is_explained_in_vietnamese(office):
    env, var = office
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert f"Cổng {port}" in result.stderr and "make run PORT=" in result.stderr
