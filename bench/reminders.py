"""Reminder scan over 1,000,000 deadlines on PostgreSQL: the full scan against plain SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_reminders \\
        .venv/bin/python bench/reminders.py

It drops and recreates its own database (the name must contain "bench"), then loads the
reminder engine's first real source at national scale: 1,000 managers who invited 1,000,000
people over two years (one link sent every 63 s), one in four of whom has already chosen a
password. It times ``reminders.scan`` — the periodic job — on the first run after a pause
(creating the notices: reminders one working day before expiry, "expired unused" to the
inviters) and on the next run (everything already announced, nothing created), and compares
both with the plain SQL that selects the deadlines in the window. E-mail jobs go to an
in-memory broker: queued, not sent.
"""

import argparse
import datetime as dt
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_reminders"
DEADLINES = 1_000_000
MANAGERS = 1_000
SPREAD_DAYS = 730


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deadlines", type=int, default=DEADLINES, help="invitations to load")
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT, help="runs per timing")
    parser.add_argument(
        "--first-runs", type=int, default=5, help="first (creating) scans, each from scratch"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def load(now: dt.datetime, deadlines: int) -> None:
    """Managers 1..MANAGERS, then ``deadlines`` invitations sent one every few seconds back
    from ``now`` over SPREAD_DAYS days; every fourth invitee has chosen a password."""
    step = SPREAD_DAYS * 86400 / deadlines
    with common.cursor() as cur:
        cur.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, full_name, position, phone,
                search_folded)
            SELECT 'pbkdf2_sha256$bench', false, 'manager' || g, '', '', 'manager' || g ||
                '@example.vn', false, true, %(now)s, 'Cán bộ ' || g, '', '', ''
            FROM generate_series(1, %(managers)s) AS g
            """,
            {"now": now, "managers": MANAGERS},
        )
        cur.execute("SELECT min(id) FROM accounts_user")
        first_manager = cur.fetchone()[0]
        cur.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, full_name, position, phone,
                search_folded, invited_at, invited_by_id)
            SELECT CASE WHEN g %% 4 = 0 THEN 'pbkdf2_sha256$bench' ELSE '!bench' END, false,
                'user' || g, '', '', 'user' || g || '@example.vn', false, true, %(now)s,
                'Người dùng ' || g, '', '', '',
                %(now)s - make_interval(secs => g * %(step)s),
                %(first)s + g %% %(managers)s
            FROM generate_series(1, %(deadlines)s) AS g
            """,
            {
                "now": now,
                "step": step,
                "first": first_manager,
                "managers": MANAGERS,
                "deadlines": deadlines,
            },
        )


def plain_window_sql(source, now, calendar):
    """The hand-written SQL selecting the deadlines in the window the scan looks at."""
    from danvan.notifications.reminders import _window

    low, high = _window(source, now, calendar, is_datetime=True)
    shift = source.shift()
    query = (
        "SELECT id, invited_at FROM accounts_user WHERE is_active AND password LIKE '!%%' "
        "AND invited_at >= %s AND invited_at < %s"
    )
    return query, [low - shift, high - shift]


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    os.environ["DANVAN_BROKER_URL"] = "memory://"  # e-mail jobs are queued in memory
    common.setup(DEFAULT_URL)
    logging.getLogger("danvan.notifications").setLevel(logging.WARNING)
    logging.getLogger("kombu").setLevel(logging.ERROR)
    if common.vendor() != "postgresql":
        raise SystemExit("This benchmark runs on PostgreSQL (set DATABASE_URL).")

    from django.utils import timezone

    from danvan.accounts.reminders import INVITATION
    from danvan.notifications import reminders
    from danvan.notifications.models import Notification

    print(f"# danvan reminders benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms\n")

    now = timezone.now()
    print("## 1. Data")
    loaded = common.once(lambda: load(now, args.deadlines))
    common.analyze()
    open_count = common.sql_rows(
        "SELECT count(*) FROM accounts_user WHERE invited_at IS NOT NULL AND password LIKE '!%'"
    )[0][0]
    print(
        f"{args.deadlines:,} invitations (deadlines) from {MANAGERS:,} managers over "
        f"{SPREAD_DAYS} days, {open_count:,} still open; loaded in "
        f"{fmt_ms(loaded.median_ms)} ms, then ANALYZE\n"
    )

    source = next(s for s in reminders.sources() if s.key == INVITATION)
    calendar = reminders.default_calendar()
    query, params = plain_window_sql(source, now, calendar)
    window_rows = len(common.sql_rows(query, params))

    def scan():
        return reminders.scan(now=now, keys=[INVITATION], calendar=calendar)

    def clear():
        with common.cursor() as cur:
            cur.execute("TRUNCATE notifications_notification")

    print(f"## 2. Scans (first run: median of {args.first_runs}; others: N={args.repeat})")
    firsts, created, examined = [], set(), set()
    for _ in range(args.first_runs):
        clear()
        common.analyze()
        ms, result = common.timed(scan)
        firsts.append(ms)
        created.add(result.created)
        examined.add(result.examined)
    first_ms = statistics.median(firsts)
    print(
        f"first run: {sorted(created)} notices created from {sorted(examined)} deadlines in the "
        f"window (plain SQL finds {window_rows:,}); runs {', '.join(fmt_ms(m) for m in firsts)} ms"
    )
    common.analyze()
    again, plain = common.measure_pair(
        scan, lambda: common.sql_rows(query, params), repeat=args.repeat
    )
    assert again.result.created == 0, again.result
    notices = Notification.objects.count()
    print(f"second run: {again.result.created} created, {notices:,} notices in the table")

    plan = common.explain(query, params)
    index_used = next((line.strip() for line in plan if "Index" in line), "NO INDEX: " + plan[0])
    print(f"plain SQL plan: {index_used}\n")

    print(f"## 3. Results (PostgreSQL, {args.deadlines:,} deadlines)\n")
    rows = [
        Comparison(
            "plain SQL: deadlines in the window", window_rows, plain.median_ms, plain.median_ms
        ),
        Comparison(
            "scan, first run (creates the notices)",
            window_rows,
            first_ms,
            plain.median_ms,
            note=f"{sorted(created)[0]:,} notices",
        ),
        Comparison("scan, second run (nothing new)", window_rows, again.median_ms, plain.median_ms),
    ]
    print(common.comparison_table(rows).render())
    per_notice = first_ms / max(1, sorted(created)[0])
    print(f"\nfirst run per notice created: {per_notice:.3f} ms")

    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
