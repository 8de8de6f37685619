"""Helpers shared by the benchmarks: a throw-away database, timing, plans and a printed table.

A benchmark script calls ``setup()`` first (environment and ``django.setup()``), then
``recreate_database()`` (drop, create, migrate), then times work with ``measure()`` and prints
a ``Table``. The database name must contain "bench", so a mistyped DATABASE_URL cannot wipe a
real database.
"""

import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
DEFAULT_REPEAT = 15


def setup(default_url: str = DEFAULT_DATABASE_URL) -> None:
    """Point Django at the benchmark database (DATABASE_URL or ``default_url``) and set it up."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = default_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    # DEBUG keeps every query in memory: a benchmark would time that bookkeeping too.
    os.environ["DANVAN_DEBUG"] = "0"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def vendor() -> str:
    from django.db import connection

    return connection.vendor


def database_name() -> str:
    from django.conf import settings

    return str(settings.DATABASES["default"]["NAME"])


def _check_bench_name(name: str) -> None:
    if "bench" not in Path(name).name:
        raise SystemExit(
            f"Refusing to drop database {name!r}: a benchmark database name must contain 'bench'."
        )


def _pg_admin_connection():
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def drop_database() -> None:
    """Drop the benchmark database (PostgreSQL) or delete its file (SQLite)."""
    from django.db import connections

    name = database_name()
    _check_bench_name(name)
    connections.close_all()
    if vendor() == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
    elif vendor() == "postgresql":
        from psycopg import sql

        with _pg_admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    else:
        raise SystemExit(f"Unsupported database for benchmarks: {vendor()}")


def recreate_database() -> float:
    """Drop and create the benchmark database, migrate it; return the migration time in ms."""
    from django.core.management import call_command

    drop_database()
    if vendor() == "postgresql":
        from psycopg import sql

        with _pg_admin_connection() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database_name())))
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    return (time.perf_counter() - started) * 1000


def analyze() -> None:
    """Refresh the planner statistics, as autovacuum (PostgreSQL) would shortly after a load."""
    with cursor() as cur:
        cur.execute("ANALYZE")


# --- Running SQL -------------------------------------------------------------------------


def cursor():
    from django.db import connection

    return connection.cursor()


def sql_rows(query: str, params: Sequence[Any] | None = None) -> list[tuple]:
    """Plain SQL through a raw cursor: the baseline the ORM is compared with.

    Without ``params`` the query is sent as is, so a "%" in it needs no escaping.
    """
    with cursor() as cur:
        cur.execute(query, params)
        return cur.fetchall()


def captured_sql(fn: Callable[[], Any]) -> list[str]:
    """The SQL statements ``fn`` runs, with their parameters inlined (for EXPLAIN)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def explain(query: str, params: Sequence[Any] | None = None) -> list[str]:
    """EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite; one string per plan line."""
    if vendor() == "postgresql":
        return [row[0] for row in sql_rows("EXPLAIN (ANALYZE, BUFFERS) " + query, params)]
    return [row[-1] for row in sql_rows("EXPLAIN QUERY PLAN " + query, params)]


# --- Timing ------------------------------------------------------------------------------


@dataclass
class Timing:
    median_ms: float
    runs: int
    result: Any = None
    samples: list[float] = field(default_factory=list)


@contextmanager
def gc_paused():
    """Collect garbage once, then keep the collector off (as ``timeit`` does).

    Otherwise a full collection, triggered by the thousands of objects one query creates,
    lands on whichever call happens to be running and two alternating timings drift apart.
    Collecting before every call instead would hand the CPU to other processes mid-run.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds one call of ``fn`` takes, and its result."""
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def measure(fn: Callable[[], Any], *, repeat: int = DEFAULT_REPEAT, warmup: int = 1) -> Timing:
    """Median wall time of ``fn`` over ``repeat`` runs, after ``warmup`` untimed runs."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    with gc_paused():
        for _ in range(repeat):
            ms, result = timed(fn)
            samples.append(ms)
    return Timing(statistics.median(samples), repeat, result, samples)


def measure_pair(
    fn_a: Callable[[], Any],
    fn_b: Callable[[], Any],
    *,
    repeat: int = DEFAULT_REPEAT,
    warmup: int = 1,
) -> tuple[Timing, Timing]:
    """Time two ways of getting one answer in alternation (a b, b a, ...), so a change of load
    on a shared machine affects both alike and their ratio stays meaningful."""
    results = {}
    for _ in range(warmup):
        results = {"a": fn_a(), "b": fn_b()}
    samples: dict[str, list[float]] = {"a": [], "b": []}
    with gc_paused():
        for i in range(repeat):
            order = (("a", fn_a), ("b", fn_b)) if i % 2 == 0 else (("b", fn_b), ("a", fn_a))
            for key, fn in order:
                ms, results[key] = timed(fn)
                samples[key].append(ms)
    return tuple(
        Timing(statistics.median(samples[k]), repeat, results.get(k), samples[k]) for k in "ab"
    )


def once(fn: Callable[[], Any]) -> Timing:
    """Wall time of a single run (loads, bulk inserts: things that cannot be repeated)."""
    return measure(fn, repeat=1, warmup=0)


def row_count(result: Any) -> int:
    if result is None:
        return 0
    if isinstance(result, int):
        return result
    return len(result)


# --- Output ------------------------------------------------------------------------------


def fmt_ms(ms: float | None) -> str:
    if ms is None:
        return ""
    if ms >= 1000:
        return f"{ms:,.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    return f"{ms:.2f}"


class Table:
    """A Markdown table: readable in a terminal and pasted as is into a README."""

    def __init__(self, columns: Sequence[str], align: str | None = None):
        self.columns = list(columns)
        self.align = align or "l" + "r" * (len(columns) - 1)
        self.rows: list[list[str]] = []

    def add(self, *cells: Any) -> None:
        self.rows.append(["" if c is None else str(c) for c in cells])

    def render(self) -> str:
        widths = [
            max([len(c)] + [len(r[i]) for r in self.rows]) for i, c in enumerate(self.columns)
        ]

        def line(cells: Sequence[str]) -> str:
            padded = [
                c.rjust(w) if a == "r" else c.ljust(w)
                for c, w, a in zip(cells, widths, self.align, strict=True)
            ]
            return "| " + " | ".join(padded) + " |"

        rule = [
            ("-" * (w - 1) + ":") if a == "r" else "-" * w
            for w, a in zip(widths, self.align, strict=True)
        ]
        return "\n".join([line(self.columns), line(rule)] + [line(r) for r in self.rows])


@dataclass
class Comparison:
    """ORM (or selector) timing against the same answer in plain SQL."""

    operation: str
    rows: int
    orm_ms: float
    sql_ms: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.sql_ms is None or self.sql_ms <= 0:
            return None
        return self.orm_ms / self.sql_ms


def comparison_table(items: Sequence[Comparison]) -> Table:
    table = Table(["operation", "rows", "median ms", "plain SQL ms", "ratio"])
    for item in items:
        ratio = f"{item.ratio:.1f}×" if item.ratio is not None else ""
        label = f"{item.operation} ({item.note})" if item.note else item.operation
        table.add(label, f"{item.rows:,}", fmt_ms(item.orm_ms), fmt_ms(item.sql_ms), ratio)
    return table


def machine_info() -> list[str]:
    """Cores, CPU, memory, Python, Django and database versions, one fact per line."""
    import django

    cpu = platform.processor() or platform.machine()
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal"):
                memory = f", {int(text.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    lines = [
        f"machine: {usable} cores usable ({os.cpu_count()} online), {cpu}{memory}{load}",
        f"python {platform.python_version()}, django {django.get_version()}, {platform.system()} {platform.release()}",
    ]
    if vendor() == "postgresql":
        version = sql_rows("SHOW server_version")[0][0]
        settings = dict(
            sql_rows(
                "SELECT name, current_setting(name) FROM pg_settings "
                "WHERE name IN ('shared_buffers', 'work_mem', 'jit')"
            )
        )
        extras = ", ".join(f"{k}={v}" for k, v in sorted(settings.items()))
        lines.append(f"database: PostgreSQL {version} ({extras}), db {database_name()}")
    else:
        import sqlite3

        lines.append(f"database: SQLite {sqlite3.sqlite_version}, file {database_name()}")
    return lines
