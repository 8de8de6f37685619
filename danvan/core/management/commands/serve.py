"""Serve danvan on one machine: `make run` calls this.

Starts, together, the web server — gunicorn (threads, so one process serves several people at
once; static files through WhiteNoise), or with ``--dev`` Django's auto-reloading development
server — and one background worker with the embedded scheduler (Celery ``worker -B``), and
supervises them:

- a process that dies (a crash, ``kill -9``) is started again, after a pause that grows while
  it keeps dying (1 s, 2 s, 4 s … at most 30 s);
- Ctrl+C or SIGTERM stops both cleanly (the worker finishes its job, gunicorn its requests)
  and, past ``STOP_SECONDS``, kills what is left: no gunicorn or scheduler is left behind;
- if this command itself is killed, its children are told by the kernel (Linux) and stop;
- a second start finds the processes a crashed run left (``var/serve.json``) and stops them
  before serving; a port held by another program is explained, in Vietnamese, instead of
  gunicorn's "Address already in use".
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

STOP_SECONDS = 35
MAX_PAUSE_SECONDS = 30
STATE_FILE = "serve.json"


def _bin(name: str) -> str:
    return shutil.which(name, path=os.path.dirname(sys.executable)) or name


def _die_with_parent() -> None:  # pragma: no cover — runs in the child, before exec
    """Linux: SIGTERM this child when the supervisor dies, even by SIGKILL."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _ours(pid: int) -> bool:
    line = _cmdline(pid)
    return "danvan" in line and ("gunicorn" in line or "celery" in line or "runserver" in line)


def _stop_group(pid: int, seconds: float) -> None:
    """SIGTERM the process group of ``pid``; SIGKILL it if it is still there after ``seconds``."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    failures: list[float] = field(default_factory=list)
    restart_at: float = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            cwd=settings.BASE_DIR,
            start_new_session=True,  # its own group: stopping it reaches its own children
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


class Command(BaseCommand):
    help = "Serve danvan on HOST:PORT with a background worker (--dev: development server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--dev", action="store_true", help="Django's development server")
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker")

    # -- state file --------------------------------------------------------------------------

    @property
    def state_path(self) -> Path:
        return Path(settings.VAR_DIR) / STATE_FILE

    def _write_state(self, host: str, port: int, children: list[Child]) -> None:
        state = {"pid": os.getpid(), "host": host, "port": port}
        state["children"] = {c.name: c.pid for c in children if c.pid}
        self.state_path.write_text(json.dumps(state))

    def _reclaim(self, host: str, port: int) -> None:
        """Stop what a previous run left running; explain a port held by someone else."""
        try:
            state = json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            state = {}
        supervisor = state.get("pid")
        running = supervisor and supervisor != os.getpid() and _alive(supervisor)
        if running and "serve" in _cmdline(supervisor):
            raise CommandError(
                f"danvan đang chạy rồi (tiến trình {supervisor}, cổng {state.get('port')}). "
                f"Mở http://{state.get('host')}:{state.get('port')}/ hoặc dừng nó (Ctrl+C) "
                "trước khi chạy lại."
            )
        left = [pid for pid in (state.get("children") or {}).values() if _alive(pid) and _ours(pid)]
        if left:
            self.stdout.write(
                "danvan: lần chạy trước bị dừng đột ngột và còn để lại tiến trình "
                f"{', '.join(map(str, left))}; đang dừng chúng trước khi chạy lại."
            )
            for pid in left:
                _stop_group(pid, STOP_SECONDS)
        deadline = time.monotonic() + 10
        while not _port_free(host, port) and time.monotonic() < deadline:
            time.sleep(0.5)
        if not _port_free(host, port):
            raise CommandError(
                f"Cổng {port} trên {host} đang bị một chương trình khác sử dụng, nên danvan "
                f"không thể chạy ở đó. Hãy dừng chương trình đó (xem: ss -ltnp 'sport = :{port}'), "
                f"hoặc chạy danvan ở cổng khác: make run PORT={port + 1}"
            )

    # -- supervision -------------------------------------------------------------------------

    def handle(self, *args, host, port, dev, no_worker, **options):
        port = int(port)
        self._reclaim(host, port)
        if dev or settings.DEBUG:
            web = [sys.executable, "manage.py", "runserver", f"{host}:{port}", "--noreload"]
        else:
            call_command("collectstatic", interactive=False, verbosity=0)
            web = [
                _bin("gunicorn"),
                "danvan.wsgi",
                "-c",
                str(settings.BASE_DIR / "gunicorn.conf.py"),
            ]
            web += ["--bind", f"{host}:{port}"]
        children = [Child("web", web)]
        if not no_worker:
            children.append(
                Child(
                    "worker",
                    [_bin("celery"), "-A", "danvan", "worker", "-B", "--pool", "solo"]
                    + ["--loglevel", "INFO", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME],
                )
            )
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for child in children:
                child.start()
            self._write_state(host, port, children)
            self.stdout.write(f"danvan: serving on http://{host}:{port}/ (Ctrl+C to stop)")
            while not stopping:
                time.sleep(0.5)
                self._watch(children, host, port)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._stop_all(children)

    def _watch(self, children: list[Child], host: str, port: int) -> None:
        now = time.monotonic()
        for child in children:
            if child.process is None:
                if now >= child.restart_at:
                    child.start()
                    self.stdout.write(f"danvan: {child.name} started again (pid {child.pid})")
                    self._write_state(host, port, children)
                continue
            code = child.process.poll()
            if code is None:
                continue
            child.failures = [t for t in child.failures if now - t < 300] + [now]
            pause = min(2 ** (len(child.failures) - 1), MAX_PAUSE_SECONDS)
            self.stderr.write(
                f"danvan: {child.name} stopped unexpectedly (exit {code}); "
                f"starting it again in {pause} s"
            )
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.process.pid, signal.SIGKILL)  # what it left of its group
            child.process = None
            child.restart_at = now + pause

    def _stop_all(self, children: list[Child]) -> None:
        running = [c for c in children if c.process and c.process.poll() is None]
        for child in running:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for child in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for child in children:
            if child.process is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait()
        with contextlib.suppress(OSError):
            self.state_path.unlink()
        self.stdout.write("danvan: stopped")
