"""The fault suite (`make faults`): real processes, real faults, one line of figures each.

Production layout: gunicorn + a Celery worker + beat on PostgreSQL and Redis. One-PC layout:
``manage.py serve`` on SQLite with the file-system broker. The suite starts its own PostgreSQL
cluster (initdb, as the postgres user) and its own Redis on private ports, so that restarting
or stopping them disturbs nobody else on the machine; both are stopped at the end, and the
machine's own services are never touched. Everything is bounded in time and stays on
127.0.0.1. Not part of `make test`.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("FAULTS_PORT", "18004"))
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "15434"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "16384"))
BASE = f"http://127.0.0.1:{PORT}"
WORK = Path(tempfile.mkdtemp(prefix="danvan-faults-"))
CSRF = secrets.token_hex(16)
started: list[subprocess.Popen] = []


def say(line: str) -> None:
    print(line, flush=True)


def run(*args, env=None, check=True, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kw)
    if check and result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    return result


def spawn(name: str, args: list[str], env: dict) -> subprocess.Popen:
    log = (WORK / f"{name}.log").open("ab")
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    started.append(process)
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout=40) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(predicate, seconds: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.2)
    raise SystemExit(f"gave up after {seconds} s waiting for {what} (logs in {WORK})")


def http(method: str, path: str, *, data: bytes | None = None, headers=None, timeout=10):
    """(status, body, headers) — a refused connection is status 0."""
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 — loopback
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers
    except (OSError, urllib.error.URLError):
        return 0, b"", {}


def session_headers(session: str, **extra) -> dict:
    cookie = f"sessionid={session}; csrftoken={CSRF}"
    return {"Cookie": cookie, "X-CSRFToken": CSRF, **extra}


# -- private services -------------------------------------------------------------------------


def pg_bin(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    if not found:
        raise SystemExit(f"PostgreSQL server binaries ({tool}) not found")
    return found[-1]


def as_postgres(*args) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


class PrivatePostgres:
    def __init__(self):
        self.data = WORK / "pgdata"
        WORK.chmod(0o755)
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        run(*as_postgres(pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"))
        self.ctl("start")

    def ctl(self, action: str) -> None:
        options = f"-p {PG_PORT} -k {self.data} -c listen_addresses=127.0.0.1"
        log = str(self.data / "server.log")
        run(
            *as_postgres(
                pg_bin("pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                log,
                "-m",
                "fast",
                "-w",
                action,
            )
        )

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{PG_PORT}/{name}"


class PrivateRedis:
    def start(self) -> None:
        run(
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(WORK),
            "--logfile",
            str(WORK / "redis.log"),
        )
        wait_for(
            lambda: (
                run("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).stdout.strip()
                == "PONG"
            ),
            10,
            "Redis",
        )

    def stop(self) -> None:
        run("redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave", check=False)
        wait_for(
            lambda: run("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).returncode != 0,
            10,
            "Redis to stop",
        )


# -- layouts -------------------------------------------------------------------------------------


def environment(var: Path, database_url: str, redis_url: str = "") -> dict:
    var.mkdir(parents=True, exist_ok=True)
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DANVAN_", "DATABASE_URL", "REDIS_URL"))
        },
        "DANVAN_VAR_DIR": str(var),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DANVAN_JOB_VISIBILITY_TIMEOUT": "5",
        "DANVAN_API_RATE_USER": "off",
        "DANVAN_WEB_WORKERS": "2",
        "DANVAN_WEB_THREADS": "4",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args, check=True):
    return run(PY, "manage.py", *args, env=env, check=check, timeout=600)


def shell(env, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code).stdout.strip()


def healthy() -> bool:
    return http("GET", "/healthz", timeout=3)[0] == 200


def gunicorn(env) -> subprocess.Popen:
    manage(env, "collectstatic", "--no-input", "-v", "0")
    process = spawn(
        "gunicorn",
        [
            PY,
            "-m",
            "gunicorn",
            "danvan.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        env,
    )
    wait_for(healthy, 60, "gunicorn")
    return process


def worker(env, name="worker") -> subprocess.Popen:
    process = spawn(
        name,
        [
            PY,
            "-m",
            "celery",
            "-A",
            "danvan",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "1",
            "--prefetch-multiplier",
            "1",
        ],
        env,
    )
    wait_for(
        lambda: " ready." in (WORK / f"{name}.log").read_text(errors="replace"), 60, "the worker"
    )
    return process


def count(env, sql: str) -> int:
    return int(
        shell(
            env,
            f"from django.db import connection\nc = connection.cursor(); c.execute({sql!r}); print(c.fetchone()[0])",
        )
    )


# -- faults ----------------------------------------------------------------------------------------


def worker_sigkill(env) -> None:
    jobs = [f"fault-{secrets.token_hex(4)}-{n}" for n in range(5)]
    first = worker(env, "worker-a")
    keys = json.dumps(jobs)
    shell(env, f"from danvan.core.tasks import touch\nfor k in {keys}: touch.delay(k, pause=2)")
    wait_for(
        lambda: "started" in (WORK / "worker-a.log").read_text(errors="replace"),
        30,
        "a job to start",
    )
    stop(first, signal.SIGKILL)
    killed_at = time.monotonic()
    time.sleep(6)  # past DANVAN_JOB_VISIBILITY_TIMEOUT: the next worker takes the job back at start
    second = worker(env, "worker-b")
    sql = "SELECT count(*) FROM core_jobrun WHERE key IN (" + ",".join(f"'{k}'" for k in jobs) + ")"
    wait_for(lambda: count(env, sql) == len(jobs), 120, "every job")
    recovered = time.monotonic() - killed_at
    log = (WORK / "worker-b.log").read_text(errors="replace")
    redelivered = log.count("already done, nothing to do")
    doubled = count(env, sql.replace("count(*)", "count(*) - count(DISTINCT key)"))
    say(
        f"worker SIGKILL mid-job: {len(jobs)} jobs sent, {count(env, sql)} done, 0 lost, {doubled} doubled "
        f"({redelivered} redeliveries absorbed by the job key), all done {recovered:.1f} s after the kill"
    )
    stop(second)


def postgres_restart(env, pg: PrivatePostgres, token: str, commune: int) -> None:
    acked, statuses, stop_flag = [], {}, threading.Event()
    failures_at: list[float] = []
    successes_after: list[float] = []
    restart_at = [0.0]

    def trickle():
        n = 0
        while not stop_flag.is_set():
            n += 1
            body = json.dumps(
                {
                    "unit": commune,
                    "title": f"Kế hoạch thử lỗi {n}",
                    "period_start": 2026,
                    "period_end": 2026,
                }
            ).encode()
            status, raw, _ = http(
                "POST",
                "/api/v1/plans/",
                data=body,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            statuses[status] = statuses.get(status, 0) + 1
            if status == 201:
                acked.append(json.loads(raw)["id"])
                if restart_at[0] and failures_at:
                    successes_after.append(time.monotonic())
            elif restart_at[0]:
                failures_at.append(time.monotonic())
            time.sleep(0.05)

    thread = threading.Thread(target=trickle)
    thread.start()
    time.sleep(4)
    restart_at[0] = time.monotonic()
    pg.ctl("restart")
    time.sleep(8)
    stop_flag.set()
    thread.join()
    ids = ",".join(map(str, acked)) or "0"
    present = count(env, f"SELECT count(*) FROM plans_plan WHERE id IN ({ids})")
    recovery = (successes_after[0] - restart_at[0]) if successes_after else 0.0
    say(
        f"PostgreSQL restart under a write trickle: {sum(statuses.values())} writes sent, {len(acked)} acknowledged, "
        f"{len(acked) - present} acknowledged lost, {statuses.get(503, 0)} answered 503 (Retry-After), "
        f"{statuses.get(500, 0)} answered 500, recovered {recovery:.1f} s after the restart began"
    )


def redis_and_broker_down(env, redis: PrivateRedis, data: dict) -> None:
    beat = spawn(
        "beat",
        [PY, "-m", "celery", "-A", "danvan", "beat", "--schedule", str(WORK / "beat-schedule")],
        env,
    )
    work = worker(env, "worker-mail")
    mail_dir = Path(env["DANVAN_VAR_DIR"]) / "mail"
    before = len(list(mail_dir.glob("*"))) if mail_dir.exists() else 0
    redis.stop()
    down_at = time.monotonic()
    pages = ["/", "/don-vi/", "/thong-bao/", "/ke-hoach/", "/don-thu/", "/bao-cao/"]
    codes = [http("GET", p, headers=session_headers(data["official_session"]))[0] for p in pages]
    form = (
        f"kind=feedback&province={data['province']}&unit={data['commune']}&content=Den+duong+hong"
        "&name=Le+Thi+Dan&phone=0912000111&website="
    ).encode()
    citizen = http(
        "POST",
        "/cong-khai/y-kien/",
        data=form,
        headers=session_headers("", **{"Content-Type": "application/x-www-form-urlencoded"}),
    )[0]
    health = http("GET", "/healthz")
    remind = http(
        "POST",
        f"/bao-cao/dot/{data['round']}/nhac/",
        data=f"submission={data['submission']}".encode(),
        headers=session_headers(
            data["officer_session"], **{"Content-Type": "application/x-www-form-urlencoded"}
        ),
    )[0]
    ok = sum(code == 200 for code in codes)
    say(
        f"Redis stopped: {ok}/{len(codes)} logged-in pages answered 200, citizen form {citizen}, "
        f"/healthz {health[0]} {json.loads(health[1] or b'{}').get('status')} (cache {json.loads(health[1] or b'{}').get('cache')})"
    )
    time.sleep(max(0.0, 5 - (time.monotonic() - down_at)))
    redis.start()
    back_at = time.monotonic()
    sent = wait_for(
        lambda: mail_dir.exists() and len(list(mail_dir.glob("*"))) > before,
        150,
        "the reminder e-mail",
    )
    say(
        f"broker down: one-click reminder answered {remind} after its redirect (saved, no false error); its e-mail went out "
        f"{sent:.0f} s after the broker came back (outbox sweep); /healthz after: {http('GET', '/healthz')[0]}"
    )
    stop(work)
    stop(beat)
    _ = back_at


def disconnect_mid_upload(env, data: dict, sql_cases: str) -> None:
    media = Path(env["DANVAN_VAR_DIR"]) / "media"
    files_before = sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0
    cases_before = count(env, sql_cases)
    boundary = "----danvanfaults"
    fields = {
        "kind": "feedback",
        "province": data["province"],
        "unit": data["commune"],
        "content": "Cong bi tac",
        "name": "Le Thi Dan",
        "phone": "0912000111",
        "website": "",
        "csrfmiddlewaretoken": CSRF,
    }
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="anh.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + b"%PDF-1.4 "
        + b"x" * 2_000_000
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = (
        f"POST /cong-khai/y-kien/ HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nCookie: csrftoken={CSRF}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", PORT)) as sock:
        sock.sendall(head + body[: len(body) // 2])
    time.sleep(3)
    files_after = sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0
    say(
        f"client disconnect mid-upload: {count(env, sql_cases) - cases_before} cases saved, "
        f"{files_after - files_before} files left behind (the site answers: {http('GET', '/healthz')[0]})"
    )


def races(env) -> None:
    result = run(
        PY,
        "-m",
        "pytest",
        "-m",
        "race",
        "-q",
        "-p",
        "no:randomly",
        env=env,
        check=False,
        timeout=1800,
    )
    last = (result.stdout.strip().splitlines() or ["no output"])[-1]
    if result.returncode == 5:
        last = "no test is marked race yet"
    say(f"concurrent-edit races (pytest -m race): {last}")


def backup_cycle(name: str, office_env: dict, restored_env: dict) -> None:
    from cryptography.fernet import Fernet

    var = Path(office_env["DANVAN_VAR_DIR"])
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    (var / "field_key").write_text(old)
    manage(office_env, "migrate", "--no-input", "-v", "0")
    seed = (ROOT / "danvan/core/tests/test_backup.py").read_text()
    seed_code = re.search(r'SEED = r"""(.*?)"""', seed, re.S).group(1)
    check_code = re.search(r'CHECK = r"""(.*?)"""', seed, re.S).group(1)
    first = shell(office_env, "NAME = 'Người Tố Cáo Một'\n" + seed_code)
    (var / "field_key").write_text(f"{new}\n{old}\n")
    second = shell(office_env, "NAME = 'Người Tố Cáo Hai'\n" + seed_code)
    archive = WORK / f"backup-{name}.tar.gz"
    started_at = time.monotonic()
    manage(office_env, "backup", "--output", str(archive))
    took = time.monotonic() - started_at
    restored = manage(restored_env, "restore", str(archive), "--yes", check=False)
    verdict = next(
        (line for line in restored.stdout.splitlines() if line.startswith("restore verified")),
        "FAILED",
    )
    found = shell(restored_env, f"CODES = {[first, second]!r}\n" + check_code).splitlines()
    opened = sum(1 for line in found if "Người Tố Cáo" in line)
    say(
        f"backup → restore → verify ({name}, field key rotated): archive {archive.stat().st_size // 1024} kB in {took:.1f} s; "
        f"{verdict}; {opened}/2 confidential cases found by tracking code with their identity opened"
    )


def one_pc() -> None:
    var = WORK / "one-pc"
    env = environment(var, f"sqlite:///{var / 'danvan.sqlite3'}")
    manage(env, "migrate", "--no-input", "-v", "0")
    serve = spawn("serve", [PY, "manage.py", "serve", "--port", str(PORT)], env)
    wait_for(healthy, 90, "serve")
    state = json.loads((var / "serve.json").read_text())
    os.kill(state["children"]["worker"], signal.SIGKILL)
    back = wait_for(
        lambda: (
            json.loads((var / "serve.json").read_text())["children"]["worker"]
            != state["children"]["worker"]
        ),
        60,
        "a new worker",
    )
    os.kill(serve.pid, signal.SIGKILL)  # serve itself crashes
    serve.wait()
    again = spawn("serve-2", [PY, "manage.py", "serve", "--port", str(PORT)], env)
    restarted = wait_for(healthy, 90, "serve after a crash")
    children = json.loads((var / "serve.json").read_text())["children"].values()
    t0 = time.monotonic()
    stop(again, signal.SIGTERM, timeout=60)
    stopped = time.monotonic() - t0
    orphans = sum(1 for pid in children if Path(f"/proc/{pid}").exists())
    say(
        f"one PC (serve, SQLite, file broker): killed worker restarted in {back:.1f} s; after kill -9 of serve the next "
        f"start served in {restarted:.1f} s (no 'Address already in use'); SIGTERM stopped all in {stopped:.1f} s, {orphans} orphans"
    )


def main() -> int:
    say(f"danvan fault suite (work folder {WORK})")
    pg, redis = PrivatePostgres(), PrivateRedis()
    redis.start()
    try:
        run(
            *as_postgres(
                pg_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "danvan_faults",
            )
        )
        env = environment(
            WORK / "prod", pg.url("danvan_faults"), f"redis://127.0.0.1:{REDIS_PORT}/0"
        )
        manage(env, "migrate", "--no-input", "-v", "0")
        data = json.loads(shell(env, (ROOT / "faults/setup_data.py").read_text()).splitlines()[-1])
        web = gunicorn(env)
        worker_sigkill(env)
        postgres_restart(env, pg, data["token"], data["commune"])
        redis_and_broker_down(env, redis, data)
        disconnect_mid_upload(env, data, "SELECT count(*) FROM petitions_case")
        stop(web)
        races({**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", "")})
        one_pc()
        sqlite_env = environment(
            WORK / "bk-office", f"sqlite:///{WORK / 'bk-office' / 'danvan.sqlite3'}"
        )
        sqlite_target = environment(
            WORK / "bk-restored", f"sqlite:///{WORK / 'bk-restored' / 'danvan.sqlite3'}"
        )
        backup_cycle("SQLite", sqlite_env, sqlite_target)
        for db in ("danvan_faults_office", "danvan_faults_restored"):
            run(
                *as_postgres(
                    pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", db
                )
            )
        backup_cycle(
            "PostgreSQL",
            environment(WORK / "pg-office", pg.url("danvan_faults_office")),
            environment(WORK / "pg-restored", pg.url("danvan_faults_restored")),
        )
    finally:
        for process in started:
            if process.poll() is None:
                stop(process)
        redis.stop() if run(
            "redis-cli", "-p", str(REDIS_PORT), "ping", check=False
        ).returncode == 0 else None
        with contextlib.suppress(SystemExit):
            pg.ctl("stop")
    say("fault suite done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
