"""Grassroots democracy at national scale on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_d REDIS_URL=redis://127.0.0.1:6379/8 \
        .venv/bin/python bench/democracy.py

It drops and recreates its own database (the name must contain "bench"), loads the official
units (34 provinces, 3,321 communes) and gives every commune 10 villages, then generates with
set-based SQL: 100 disclosures per commune a year for five years (1.66 million), two online
votes per village a year for five years (332,100 matters, 30 to 60 households each, a keyed
digest per household code: 15 million codes) and their cast ballots (10 million).

It times, each against the plain SQL doing the same work, in alternation:
- the tally of a vote (``selectors.vote_result``): a dense vote, a sparse one, an empty one;
  cold (the first read of a vote never read before) and warm;
- the compliance view (``selectors.compliance``) of the largest and of the smallest province,
  of the country, and of a year with nothing disclosed;
- the rate of casting ballots through the real code on one core: the service
  ``voting.cast_ballot`` (guessing limits in the cache included) and the public page (a full
  HTTP request through every middleware), against one plain INSERT … ON CONFLICT per ballot.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_d"
VILLAGES_PER_COMMUNE = 10
YEARS = 5
DISCLOSURES_PER_YEAR = 100
VOTES_PER_VILLAGE_YEAR = 2
CAST_BALLOTS = 2000


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT)
    parser.add_argument("--cast", type=int, default=CAST_BALLOTS, help="ballots cast for the rate")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on the database a --keep run left"
    )
    return parser.parse_args(argv)


def add_villages() -> tuple[int, float]:
    """Exactly 10 villages (thôn) per commune, in one INSERT and one path UPDATE."""
    from danvan.units.models import OrgUnit
    from danvan.units.services import _fill_paths

    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "INSERT INTO units_orgunit (name, short_name, name_folded, unit_type_id, level, parent_id, path, depth, "
            "created_at, updated_at) SELECT 'Thôn ' || g, '', 'thon ' || g, (SELECT id FROM units_unittype WHERE code='village'), "
            "'village', u.id, '', 0, now(), now() FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id "
            f"CROSS JOIN generate_series(1, {VILLAGES_PER_COMMUNE}) g WHERE u.level = 'commune' AND t.is_territory"
        )
        added = cur.rowcount
    _fill_paths(OrgUnit.objects.filter(path=""))
    return added, (time.perf_counter() - started) * 1000


def load_disclosures(today: dt.date, user_id: int) -> float:
    """100 disclosures per commune a year, five years, spread over the law's items; a few late
    or too short. The compliance view reads only these rows."""
    started = time.perf_counter()
    items = [
        row[0]
        for row in common.sql_rows(
            "SELECT id FROM democracy_disclosureitem WHERE audience='commune' ORDER BY ordering"
        )
    ]
    array = "ARRAY[" + ",".join(map(str, items)) + "]"
    with common.cursor() as cur:
        cur.execute(
            "CREATE UNLOGGED TABLE bench_communes AS SELECT (row_number() OVER (ORDER BY u.id)) - 1 AS n, u.id "
            "FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id WHERE u.level='commune' AND t.is_territory"
        )
        for year in range(today.year - YEARS + 1, today.year + 1):
            days = 365 if year < today.year else max(1, (today - dt.date(year, 1, 1)).days)
            cur.execute(
                f"""
                INSERT INTO democracy_disclosure (version, unit_id, item_id, title, summary, decided_on,
                    first_posted_on, year, is_public, is_late, is_short, created_by_id, created_at, title_folded)
                SELECT 1, c.id, ({array})[1 + (g * 7 + c.n) % {len(items)}], 'Công khai số ' || g, '',
                       d.day, d.day + (g % 3)::int, {year}, g % 5 <> 0, g % 41 = 0, g % 23 = 0, {user_id}, now(), 'cong khai so ' || g
                FROM bench_communes c CROSS JOIN generate_series(1, {DISCLOSURES_PER_YEAR}) g
                CROSS JOIN LATERAL (SELECT DATE '{year}-01-01' + ((g * 37 + c.n) % {days})::int AS day) d
                """
            )
    return (time.perf_counter() - started) * 1000


def load_votes(today: dt.date, user_id: int) -> tuple[float, float, float]:
    """Two online votes per village a year for five years, closed (the last ones still open),
    30 to 60 households each; a code digest per household and ~75% of them voted."""
    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "CREATE UNLOGGED TABLE bench_villages AS SELECT (row_number() OVER (ORDER BY v.id)) - 1 AS n, v.id, v.parent_id "
            "FROM units_orgunit v WHERE v.level = 'village'"
        )
        votes = YEARS * VOTES_PER_VILLAGE_YEAR
        cur.execute(
            f"""
            INSERT INTO democracy_matter (version, village_id, commune_id, kind, title, proposed_text, households, form,
                status, opens_at, closes_at, codes_issued, held_on, is_public, minutes, recognition_note, created_by_id,
                created_at, title_folded)
            SELECT 1, v.id, v.parent_id, 'contribution', 'Đóng góp làm đường ' || s, 'Mỗi hộ đóng góp', h.n, 'online',
                   'voting', w.opens, w.opens + interval '7 days', h.n, NULL, true, '', '', {user_id}, now(), 'dong gop lam duong ' || s
            FROM bench_villages v CROSS JOIN generate_series(1, {votes}) s
            CROSS JOIN LATERAL (SELECT (30 + ((v.n * 13 + s * 7) % 31))::int AS n) h
            CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '{today.isoformat()} 08:00+07' - ((({votes} - s) * 182 + 3 + v.n % 150) * interval '1 day') AS opens) w
            """
        )
    matters_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "INSERT INTO democracy_householdcode (matter_id, slip, digest) SELECT m.id, g, md5(m.id || ':' || g) || md5(g || ':' || m.id) "
            "FROM democracy_matter m CROSS JOIN LATERAL generate_series(1, m.households) g"
        )
    codes_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    with common.cursor() as cur:
        cur.execute(
            "INSERT INTO democracy_ballot (matter_id, key, choice) SELECT m.id, md5('b' || m.id || ':' || g) || md5(g || ':b' || m.id), "
            "CASE WHEN (m.id + g) % 10 < 6 THEN 'agree' ELSE 'disagree' END "
            "FROM democracy_matter m CROSS JOIN LATERAL generate_series(1, (m.households * 3) / 4) g"
        )
    return matters_ms, codes_ms, (time.perf_counter() - started) * 1000


def main(argv=None) -> int:  # noqa: PLR0915 — one script, read top to bottom
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/democracy.py runs on PostgreSQL only.")
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from bench.units import make_user
    from danvan.accounts.models import Role, User
    from danvan.democracy import codes, selectors
    from danvan.democracy.models import Ballot, Matter, MatterStatus
    from danvan.democracy.selectors.compliance import compliance
    from danvan.democracy.services import decisions, voting
    from danvan.units.models import Level, OrgUnit
    from danvan.units.services import units_load_official

    today = timezone.localdate()
    print(f"# danvan grassroots-democracy benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    if args.reuse:
        for line in common.machine_info():
            print(line)
        nation = OrgUnit.objects.get(parent__isnull=True)
        admin = User.objects.get(username="bench_admin")
        admin.active_grants()
    else:
        migrate_ms = common.recreate_database()
        for line in common.machine_info():
            print(line)
        print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
        print(f"units_load_official: {fmt_ms(common.once(units_load_official).median_ms)} ms")
        added, villages_ms = add_villages()
        print(f"villages: {added:,} ({fmt_ms(villages_ms)} ms); units: {OrgUnit.objects.count():,}")
        nation = OrgUnit.objects.get(parent__isnull=True)
        admin = make_user("bench_admin", Role.ADMIN, nation)
        print(f"disclosures (INSERT … SELECT): {fmt_ms(load_disclosures(today, admin.pk))} ms")
        matters_ms, codes_ms, ballots_ms = load_votes(today, admin.pk)
        print(
            f"votes: {fmt_ms(matters_ms)} ms; household codes: {fmt_ms(codes_ms)} ms; "
            f"ballots: {fmt_ms(ballots_ms)} ms"
        )
        common.analyze()
    print(f"cache: {settings.CACHES['default']['BACKEND']}")
    counts = common.sql_rows(
        "SELECT (SELECT count(*) FROM democracy_disclosure), (SELECT count(*) FROM democracy_matter), "
        "(SELECT count(*) FROM democracy_householdcode), (SELECT count(*) FROM democracy_ballot), "
        "pg_size_pretty(pg_database_size(current_database()))"
    )[0]
    print(
        f"disclosures: {counts[0]:,}; matters: {counts[1]:,}; codes: {counts[2]:,}; "
        f"ballots: {counts[3]:,}; database: {counts[4]}\n"
    )

    results: list[Comparison] = []
    plans: list[tuple[str, list[str]]] = []

    def compare(label, orm_fn, sql, params, rows_of=common.row_count):
        a, b = common.measure_pair(orm_fn, lambda: common.sql_rows(sql, params), repeat=args.repeat)
        results.append(Comparison(label, rows_of(a.result), a.median_ms, b.median_ms))
        plans.append((label, common.explain(sql, params)))
        print(f"  {label}: {fmt_ms(a.median_ms)} ms (SQL {fmt_ms(b.median_ms)} ms)", flush=True)

    # --- The tally of a vote -----------------------------------------------------------------
    tally_sql = "SELECT choice, count(*) FROM democracy_ballot WHERE matter_id = %s GROUP BY choice"
    dense = Matter.objects.order_by("-households", "id").first()
    sparse = Matter.objects.order_by("households", "-id").first()
    Ballot.objects.filter(matter=sparse).exclude(
        pk__in=Ballot.objects.filter(matter=sparse).values("pk")[:3]
    ).delete()
    empty = Matter.objects.order_by("households", "id").first()
    Ballot.objects.filter(matter=empty).delete()
    closed = timezone.now() - dt.timedelta(hours=1)
    Matter.objects.filter(pk__in=[dense.pk, sparse.pk, empty.pk]).update(
        closes_at=closed, opens_at=closed - dt.timedelta(days=7)
    )
    cold_matter = (
        Matter.objects.exclude(pk__in=[dense.pk, sparse.pk, empty.pk]).order_by("?").first()
    )
    Matter.objects.filter(pk=cold_matter.pk).update(
        closes_at=closed, opens_at=closed - dt.timedelta(days=7)
    )
    cold_matter.refresh_from_db()
    cold = common.once(lambda: selectors.vote_result(cold_matter))
    print(f"tally, cold (first read of a vote never read before): {fmt_ms(cold.median_ms)} ms")
    for label, matter in (("dense", dense), ("sparse", sparse), ("empty", empty)):
        matter.refresh_from_db()
        compare(
            f"tally of a vote, {label} ({matter.households} households)",
            lambda matter=matter: selectors.vote_result(matter),
            tally_sql,
            [matter.pk],
            rows_of=lambda result: result["taking_part"],
        )

    # --- The compliance view -------------------------------------------------------------------
    compliance_sql = (
        "SELECT d.unit_id, d.item_id, count(*), count(*) FILTER (WHERE d.is_late), "
        "count(*) FILTER (WHERE d.is_short) FROM democracy_disclosure d WHERE d.year = %s {units}"
        "GROUP BY d.unit_id, d.item_id"
    )
    communes_sql = (
        "SELECT u.id, u.name, u.path FROM units_orgunit u JOIN units_unittype t ON t.id = u.unit_type_id "
        "WHERE u.path LIKE %s AND u.level = 'commune' AND t.is_territory AND (u.valid_to IS NULL OR u.valid_to > %s) "
        "AND (u.valid_from IS NULL OR u.valid_from <= %s) ORDER BY u.path"
    )
    provinces = common.sql_rows(
        "SELECT p.id, count(c.id) FROM units_orgunit p JOIN units_orgunit c ON c.path LIKE p.path || '%' AND c.level='commune' "
        "JOIN units_unittype t ON t.id = c.unit_type_id AND t.is_territory "
        "WHERE p.level='province' AND p.depth = 1 GROUP BY p.id ORDER BY 2 DESC"
    )
    big, small = OrgUnit.objects.get(pk=provinces[0][0]), OrgUnit.objects.get(pk=provinces[-1][0])

    def plain_compliance(root, year):
        """The communes, then their year's rows by the same index (the whole year for the
        country), as the selector does."""
        communes = common.sql_rows(communes_sql, [root.path + "%", today, today])
        if root.parent_id is None:
            return common.sql_rows(compliance_sql.format(units=""), [year]), communes
        ids = [row[0] for row in communes]
        units = "AND d.unit_id = ANY(%s) "
        return common.sql_rows(compliance_sql.format(units=units), [year, ids]), communes

    def explain_compliance(root, year):
        if root.parent_id is None:
            return common.explain(compliance_sql.format(units=""), [year])
        ids = [row[0] for row in common.sql_rows(communes_sql, [root.path + "%", today, today])]
        return common.explain(compliance_sql.format(units="AND d.unit_id = ANY(%s) "), [year, ids])

    for label, root, year in (
        (f"compliance of the largest province ({provinces[0][1]} communes)", big, today.year - 1),
        (
            f"compliance of the smallest province ({provinces[-1][1]} communes)",
            small,
            today.year - 1,
        ),
        ("compliance of the country (3,321 communes)", nation, today.year - 1),
        ("compliance of the largest province, a year with nothing disclosed", big, today.year + 1),
    ):
        a, b = common.measure_pair(
            lambda root=root, year=year: compliance(admin, root, year, today=today),
            lambda root=root, year=year: plain_compliance(root, year),
            repeat=args.repeat,
        )
        results.append(Comparison(label, len(a.result.communes), a.median_ms, b.median_ms))
        plans.append((label, explain_compliance(root, year)))
        print(f"  {label}: {fmt_ms(a.median_ms)} ms (SQL {fmt_ms(b.median_ms)} ms)", flush=True)

    # --- Casting ballots through the real code ----------------------------------------------------
    village = OrgUnit.objects.filter(level=Level.VILLAGE).order_by("id").first()
    official = User.objects.filter(username="bench_official").first() or make_user(
        "bench_official", Role.OFFICIAL, village
    )
    n = args.cast
    vote = decisions.matter_create(
        actor=official,
        village=village,
        kind="contribution",
        title="Bench vote",
        proposed_text="x",
        households=n,
        form="online",
        opens_at=timezone.now() - dt.timedelta(hours=1),
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    printed = decisions.codes_issue(actor=official, matter=vote)
    vote = decisions.vote_open(actor=official, matter=vote)
    half = n // 2

    def service_run():
        for i, code in enumerate(printed[:half]):
            voting.cast_ballot(
                matter=vote,
                code=code,
                choice="agree" if i % 3 else "disagree",
                address=f"10.0.{i // 250}.{i % 250}",
            )

    t_service = common.once(service_run)
    client = Client(HTTP_HOST="localhost")
    url = f"/cong-khai/dan-chu/bieu-quyet/{vote.pk}/"

    def view_run():
        for i, code in enumerate(printed[half:]):
            response = client.post(
                url, {"code": code, "choice": "agree"}, REMOTE_ADDR=f"10.1.{i // 250}.{i % 250}"
            )
            assert response.status_code == 302, response.status_code

    t_view = common.once(view_run)
    assert Ballot.objects.filter(matter=vote).count() == n
    keys = [codes.ballot_keys(vote.pk, code)[0] for code in printed]
    Ballot.objects.filter(matter=vote).delete()

    def sql_run():
        with common.cursor() as cur:
            for key in keys:
                cur.execute(
                    "INSERT INTO democracy_ballot (matter_id, key, choice) VALUES (%s, %s, 'agree') "
                    "ON CONFLICT (matter_id, key) DO UPDATE SET choice = EXCLUDED.choice",
                    [vote.pk, key],
                )

    t_sql = common.once(sql_run)
    rate = common.Table(
        [
            "casting ballots (one core, one process)",
            "ballots",
            "ms",
            "ballots / second",
            "ratio to SQL",
        ]
    )
    sql_rate = n / (t_sql.median_ms / 1000)
    for label, count, timing in (
        ("service voting.cast_ballot (digest, limits, upsert)", half, t_service),
        ("public page POST (full request, middleware, redirect)", n - half, t_view),
        ("plain SQL INSERT … ON CONFLICT, keys precomputed", n, t_sql),
    ):
        per_second = count / (timing.median_ms / 1000)
        rate.add(
            label,
            f"{count:,}",
            fmt_ms(timing.median_ms),
            f"{per_second:,.0f}",
            f"{sql_rate / per_second:.1f}×",
        )
    vote.status = MatterStatus.CANCELLED

    print(f"\n## Queries (median of {args.repeat} runs, alternating with plain SQL)\n")
    print(common.comparison_table(results).render())
    print("\n## Casting ballots\n")
    print(rate.render())
    print("\n## Plans of the plain SQL (EXPLAIN ANALYZE: scans and rows read)\n")
    from bench.units import scan_summary

    for label, plan in plans:
        print(f"- {label}: {scan_summary(plan)}")
    print(f"\ntotal: {fmt_ms((time.perf_counter() - started) * 1000)} ms")
    if not args.keep:
        common.drop_database()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/8")
    raise SystemExit(main())
