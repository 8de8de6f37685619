"""National-scale benchmark of “Dân vận khéo” models: 100,000 registrations a year for 5 years
with replication links, over ~100,000 units; the selectors against plain SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_e .venv/bin/python bench/exemplars.py

It drops and recreates its own database (the name must contain "bench"), loads the official
list, adds villages up to ~100,000 units, generates the registrations with set-based SQL
(one INSERT … SELECT generate_series per year, the lineage of replications in one UPDATE per
year), then times: the quota dashboard of the country and of a province, the replication tree
(and reach) of the most replicated model, the most replicated list and the public list search,
each next to the plain SQL doing the same work.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_e"
PER_YEAR = 100_000
YEARS = 5
FIRST_YEAR = 2021
TITLES = [
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Hiến đất làm đường giao thông nông thôn",
    "Tổ liên gia tự quản an ninh trật tự",
    "Camera an ninh với Nhân dân",
    "Chi hội phụ nữ giúp nhau giảm nghèo",
    "Ngày thứ Bảy tình nguyện vì Nhân dân",
    "Dân vận khéo trong cải cách hành chính",
    "Tiếp công dân thân thiện, tận tình",
    "Đường hoa kiểu mẫu",
    "Gia đình văn hóa không rác thải nhựa",
    "Nuôi heo đất giúp học sinh nghèo",
    "Dòng họ không có người vi phạm pháp luật",
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT)
    parser.add_argument("--per-year", type=int, default=PER_YEAR)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def execute(sql: str, params=None) -> None:
    with common.cursor() as cur:
        cur.execute(sql, params)


def generate(per_year: int, years: int, user_id: int) -> dict[str, float]:
    """Registrations, replication lineage, counts and commendations, set-based."""
    from danvan.lib.text import fold

    times = {}
    started = time.perf_counter()
    execute("DROP TABLE IF EXISTS bench_units")
    execute(
        """
        CREATE TEMP TABLE bench_units AS
        SELECT row_number() OVER (ORDER BY u.id) AS rn, u.id, u.level,
               NULLIF(split_part(u.path, '/', 3), '')::int AS province_id,
               (SELECT c.id FROM units_orgunit c
                 WHERE c.id = NULLIF(split_part(u.path, '/', 4), '')::int
                   AND c.level = 'commune') AS commune_id
        FROM units_orgunit u WHERE u.level <> 'village' AND u.depth > 0
        """
    )
    execute("CREATE UNIQUE INDEX ON bench_units (rn)")
    count = common.sql_rows("SELECT count(*) FROM bench_units")[0][0]
    titles = "ARRAY[" + ",".join("'" + t.replace("'", "''") + "'" for t in TITLES) + "]"
    folded = "ARRAY[" + ",".join("'" + fold(t) + "'" for t in TITLES) + "]"
    for index in range(years):
        year = FIRST_YEAR + index
        # Draws: unit, kind, field, status; 40% of later years replicate an earlier model,
        # skewed towards a few popular ones (power law).
        first_id = common.sql_rows("SELECT COALESCE(min(id), 1) FROM exemplars_exemplar")[0][0]
        execute(
            f"""
            WITH s AS (
                SELECT g, random() AS r1, random() AS r2, random() AS r3
                FROM generate_series(1, {per_year}) AS g
            ), d AS (
                SELECT g, 1 + floor(power(r3, 1.3) * {count})::int AS rn,
                    CASE WHEN {index} = 0 OR r1 >= 0.4 THEN NULL
                         ELSE {first_id} + floor(power(r2, 4) * {index * per_year})::int
                    END AS target,
                    CASE WHEN g % 20 = 0 THEN 'draft'
                         WHEN g % 20 IN (1, 2, 3) THEN 'registered'
                         WHEN g % 20 IN (4, 5, 6, 7) THEN 'in_progress'
                         WHEN g % 20 IN (8, 9) THEN 'self_assessed'
                         WHEN g % 20 = 10 THEN 'reviewed'
                         WHEN g % 20 = 11 THEN 'not_recognised'
                         WHEN g % 20 IN (12, 13, 14, 15, 16) THEN 'recognised'
                         ELSE 'commended' END AS status
                FROM s
            )
            INSERT INTO exemplars_exemplar (
                unit_id, year, kind, field, origin, replicates_id, lineage, replica_count,
                title, person_name, person_position, problem, goals, targets, participants,
                resources, status, registered_at, self_scores, self_comment, votes_for,
                votes_against, recognised_by, decision_number, decision_date, recognised_on,
                rejection_reason, is_public, story, results, province_id, commune_id,
                search_folded, created_by_id, created_at, updated_at)
            SELECT b.id, {year},
                (ARRAY['initiative','initiative','collective','individual'])[1 + (g % 4)],
                (ARRAY['economy','culture_society','defence_security','political_system'])
                    [1 + ((g / 4) % 4)],
                CASE WHEN d.target IS NULL THEN 'new' ELSE 'replicated' END,
                d.target, '', 0,
                ({titles})[1 + (g % {len(TITLES)})] || ' ' || g, '', '', '', '', '', '', '',
                d.status,
                CASE WHEN d.status = 'draft' THEN NULL
                     ELSE make_timestamptz({year}, 1 + (g % 11), 1 + (g % 27), 8, 0, 0) END,
                '{{}}', '', 0, 0, '', '', NULL,
                CASE WHEN d.status IN ('recognised','commended')
                     THEN make_date({year}, 12, 1 + (g % 20)) END,
                '', d.status IN ('recognised','commended') AND g % 2 = 0, '', '',
                b.province_id, b.commune_id,
                ({folded})[1 + (g % {len(TITLES)})] || ' ' || g, {user_id}, now(), now()
            FROM d JOIN bench_units b ON b.rn = LEAST(d.rn, {count})
            """
        )
        # A draft is never replicated: point those links at the draft's own original instead.
        execute(
            f"""
            UPDATE exemplars_exemplar e SET replicates_id = NULL, origin = 'new'
            FROM exemplars_exemplar t
            WHERE e.year = {year} AND e.replicates_id = t.id AND t.status = 'draft'
            """
        )
        execute(
            f"""
            UPDATE exemplars_exemplar e SET lineage = COALESCE(t.lineage, '/') || e.id || '/'
            FROM exemplars_exemplar e2 LEFT JOIN exemplars_exemplar t ON t.id = e2.replicates_id
            WHERE e.id = e2.id AND e.year = {year}
            """
        )
    times["insert + lineage"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    execute(
        """
        UPDATE exemplars_exemplar e SET replica_count = c.n
        FROM (
            SELECT a::int AS id, count(*) AS n
            FROM exemplars_exemplar r,
                 unnest((string_to_array(trim(both '/' from r.lineage), '/'))
                        [1:array_length(string_to_array(trim(both '/' from r.lineage), '/'), 1) - 1]) a
            WHERE r.status <> 'draft'
            GROUP BY a
        ) c WHERE e.id = c.id
        """
    )
    times["replica counts"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    execute(
        f"""
        INSERT INTO exemplars_commendation (
            exemplar_id, form, level, issuer, decision_number, decision_date, created_by_id,
            created_at)
        SELECT id, 'merit', 'province', 'Chủ tịch UBND tỉnh', id || '/QĐ-UBND',
               recognised_on + 10, {user_id}, now()
        FROM exemplars_exemplar WHERE status = 'commended'
        """
    )
    times["commendations"] = (time.perf_counter() - started) * 1000
    from danvan.exemplars import stats

    started = time.perf_counter()
    stats.refresh_all()
    times["summary table (refresh job, all years)"] = (time.perf_counter() - started) * 1000
    return times


def open_rounds(years: int, user) -> None:
    import datetime as dt

    from danvan.exemplars.models import Round
    from danvan.units.models import Level, OrgUnit

    units = [OrgUnit.objects.get(parent__isnull=True)]
    units += list(OrgUnit.objects.filter(level=Level.PROVINCE, depth=1))
    Round.objects.bulk_create(
        Round(
            unit=unit,
            year=FIRST_YEAR + i,
            registration_deadline=dt.date(FIRST_YEAR + i, 3, 31),
            quota_min=1,
            quota_target=2,
            created_by=user,
        )
        for unit in units
        for i in range(years)
    )


# --- Plain SQL doing the same work -----------------------------------------------------------

REG = "('registered','in_progress','self_assessed','reviewed','recognised','not_recognised','commended')"


def dashboard_sql(unit, year: int, quota_min: int) -> list:
    """The same answers as ``selectors.dashboard`` in hand-written SQL (one statement each)."""
    path = unit.path + "%"
    base = (
        "FROM exemplars_exemplar e JOIN units_orgunit u ON u.id = e.unit_id "
        f"WHERE e.year = %s AND e.status IN {REG} AND u.path LIKE %s"
    )
    out = []
    out += common.sql_rows(
        "SELECT count(*), count(*) FILTER (WHERE e.origin = 'new'),"
        " count(*) FILTER (WHERE e.origin = 'replicated'),"
        " count(*) FILTER (WHERE e.status IN ('recognised','commended')),"
        " count(*) FILTER (WHERE e.status = 'commended') " + base,
        [year, path],
    )
    out += common.sql_rows(f"SELECT e.field, count(*) {base} GROUP BY e.field", [year, path])
    out += common.sql_rows(f"SELECT e.kind, count(*) {base} GROUP BY e.kind", [year, path])
    out += common.sql_rows(f"SELECT u.level, count(*) {base} GROUP BY u.level", [year, path])
    out += common.sql_rows(
        "SELECT e.year, count(*), count(*) FILTER (WHERE e.status IN ('recognised','commended')),"
        " count(*) FILTER (WHERE e.status = 'commended')"
        " FROM exemplars_exemplar e JOIN units_orgunit u ON u.id = e.unit_id"
        f" WHERE e.year BETWEEN %s AND %s AND e.status IN {REG} AND u.path LIKE %s"
        " GROUP BY e.year ORDER BY e.year",
        [year - 4, year, path],
    )
    units = (
        "FROM units_orgunit q WHERE q.path LIKE %s AND q.level <> 'village'"
        " AND (q.valid_to IS NULL OR q.valid_to > CURRENT_DATE)"
        " AND (q.valid_from IS NULL OR q.valid_from <= CURRENT_DATE)"
    )
    meeting = f"SELECT e.unit_id {base} GROUP BY e.unit_id HAVING count(*) >= %s"
    out += common.sql_rows(f"SELECT count(*) {units}", [path])
    out += common.sql_rows(
        f"SELECT count(*) {units} AND q.id IN ({meeting})", [path, year, path, quota_min]
    )
    out += common.sql_rows(
        f"SELECT q.id, q.name, (SELECT count(*) FROM exemplars_exemplar x WHERE x.unit_id = q.id"
        f" AND x.year = %s AND x.status IN {REG}) {units} AND q.id NOT IN ({meeting})"
        " ORDER BY q.path LIMIT 200",
        [year, path, year, path, quota_min],
    )
    return out


def dashboard_stats_sql(unit, year: int, quota_min: int) -> list:
    """The same answers as ``selectors.dashboard`` in hand-written SQL on the summary table."""
    path = unit.path + "%"
    sums = ", ".join(
        f"COALESCE(sum({c}), 0)"
        for c in (
            "registered",
            "new",
            "replicated",
            "recognised",
            "commended",
            "f_economy",
            "f_culture_society",
            "f_defence_security",
            "f_political_system",
            "k_initiative",
            "k_collective",
            "k_individual",
        )
    )
    stats = "FROM exemplars_unityearstat s WHERE s.year = %s AND s.unit_path LIKE %s"
    out = common.sql_rows(f"SELECT {sums} {stats}", [year, path])
    out += common.sql_rows(f"SELECT level, sum(registered) {stats} GROUP BY level", [year, path])
    out += common.sql_rows(
        "SELECT year, sum(registered), sum(recognised), sum(commended)"
        " FROM exemplars_unityearstat WHERE year BETWEEN %s AND %s AND unit_path LIKE %s"
        " GROUP BY year ORDER BY year",
        [year - 4, year, path],
    )
    units = (
        "FROM units_orgunit q WHERE q.path LIKE %s AND q.level <> 'village'"
        " AND (q.valid_to IS NULL OR q.valid_to > CURRENT_DATE)"
        " AND (q.valid_from IS NULL OR q.valid_from <= CURRENT_DATE)"
    )
    meeting = f"SELECT s.unit_id {stats} AND s.registered >= %s"
    out += common.sql_rows(f"SELECT count(*) {units}", [path])
    out += common.sql_rows(
        f"SELECT count(*) {units} AND q.id IN ({meeting})", [path, year, path, quota_min]
    )
    joined = units.replace(
        "FROM units_orgunit q",
        "FROM units_orgunit q LEFT JOIN exemplars_unityearstat x"
        " ON x.unit_id = q.id AND x.year = %s",
    )
    out += common.sql_rows(
        f"SELECT q.id, q.name, COALESCE(x.registered, 0) {joined}"
        f" AND q.id NOT IN ({meeting}) ORDER BY q.path LIMIT 200",
        [year, path, year, path, quota_min],
    )
    return out


def tree_sql(exemplar) -> list:
    rows = common.sql_rows(
        "SELECT e.id, e.title, e.lineage, e.status, e.year, e.registered_at, u.name, p.name"
        " FROM exemplars_exemplar e JOIN units_orgunit u ON u.id = e.unit_id"
        " LEFT JOIN units_orgunit p ON p.id = e.province_id"
        " WHERE e.lineage LIKE %s AND e.id <> %s AND e.status <> 'draft'"
        " ORDER BY e.lineage LIMIT 500",
        [exemplar.lineage + "%", exemplar.pk],
    )
    reach = common.sql_rows(
        "SELECT count(DISTINCT unit_id), count(DISTINCT commune_id), count(DISTINCT province_id)"
        " FROM exemplars_exemplar WHERE lineage LIKE %s AND (status <> 'draft' OR id = %s)",
        [exemplar.lineage + "%", exemplar.pk],
    )
    return rows + reach


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/exemplars.py runs on PostgreSQL only.")
    from bench.units import add_villages, make_user
    from danvan.accounts.models import Role
    from danvan.exemplars import selectors
    from danvan.exemplars.models import Exemplar
    from danvan.units.models import Level, OrgUnit
    from danvan.units.services import units_load_official

    print(f"# danvan exemplars benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
    load = common.once(units_load_official)
    print(f"units_load_official: {fmt_ms(load.median_ms)} ms ({load.result})")
    added, insert_ms, paths_ms = add_villages(100_000)
    print(f"villages added: {added:,} ({fmt_ms(insert_ms + paths_ms)} ms)")
    nation = OrgUnit.objects.get(parent__isnull=True)
    admin = make_user("bench_admin", Role.ADMIN, nation)
    open_rounds(args.years, admin)
    times = generate(args.per_year, args.years, admin.pk)
    common.analyze()
    total = Exemplar.objects.count()
    print(
        f"registrations: {total:,} ({args.per_year:,} a year × {args.years}); "
        + ", ".join(f"{k} {fmt_ms(v)} ms" for k, v in times.items())
    )
    replicated = Exemplar.objects.filter(origin="replicated").count()
    print(f"replications: {replicated:,}; units: {OrgUnit.objects.count():,}\n")

    year = FIRST_YEAR + args.years - 1
    province = (
        OrgUnit.objects.filter(level=Level.PROVINCE, depth=1).order_by("official_code").first()
    )
    make_user("bench_officer", Role.BDV_OFFICER, province)
    top = Exemplar.objects.filter(replica_count__gt=0).order_by("-replica_count", "-id").first()
    print(
        f"year {year}; province {province.name}; most replicated model id {top.pk} "
        f"({top.replica_count:,} replications)\n"
    )
    results: list[Comparison] = []

    def compare(operation, orm_fn, sql_fn, note=""):
        orm, raw = common.measure_pair(orm_fn, sql_fn, repeat=args.repeat)
        rows = orm.result if isinstance(orm.result, int) else common.row_count(orm.result)
        results.append(Comparison(operation, rows, orm.median_ms, raw.median_ms, note))
        print(
            f"  {operation}: {fmt_ms(orm.median_ms)} ms / SQL {fmt_ms(raw.median_ms)} ms",
            flush=True,
        )

    def board(unit):
        def run():
            b = selectors.dashboard(unit, year)
            return b.units_below

        return run

    for label, unit in (("country", nation), ("province", province)):
        compare(
            f"quota dashboard, {label}, vs the same SQL on the summary table",
            board(unit),
            lambda unit=unit: dashboard_stats_sql(unit, year, 1),
            "units below quota",
        )
        compare(
            f"quota dashboard, {label}, vs plain GROUP BY of the registrations",
            board(unit),
            lambda unit=unit: dashboard_sql(unit, year, 1),
            "units below quota",
        )
    print("\nslowest statements of the province dashboard:")
    statements = common.captured_sql(board(province))
    timed_statements = sorted(
        (
            (common.measure(lambda q=q: common.sql_rows(q), repeat=3).median_ms, q)
            for q in statements
        ),
        reverse=True,
    )
    for ms, statement in timed_statements[:3]:
        print(f"  {fmt_ms(ms)} ms: {statement[:300]}")
        for line in common.explain(statement)[:6]:
            print(f"      {line}")
    print()

    def tree():
        nodes = selectors.replication_tree(top)
        selectors.reach(top)
        return nodes

    compare(
        "replication tree + reach, most replicated", tree, lambda: tree_sql(top), "nodes, ≤ 500"
    )
    compare(
        "most replicated list, country, top 100",
        lambda: list(selectors.most_replicated(admin)[:100]),
        lambda: common.sql_rows(
            "SELECT e.*, u.name FROM exemplars_exemplar e JOIN units_orgunit u ON u.id = e.unit_id"
            " WHERE e.replica_count > 0 ORDER BY e.replica_count DESC, e.id DESC LIMIT 100"
        ),
    )
    for label, filters in (
        (
            "public search “duong lang”, country (no match)",
            selectors.PublicFilters(query="duong lang"),
        ),
        ("public search “lam duong”, country", selectors.PublicFilters(query="lam duong")),
        (
            "public search “nong thon”, province, year, field",
            selectors.PublicFilters(
                query="nong thon", province=province.pk, year=year, field="economy"
            ),
        ),
        ("public list, no filter, first page", selectors.PublicFilters()),
    ):

        def orm(filters=filters):
            return list(selectors.public_list(filters).order_by("-id")[:30])

        def sql(filters=filters):
            where, params = ["e.is_public", "e.status IN ('recognised','commended')"], []
            for term in filters.query.split():
                where.append("e.search_folded LIKE %s")
                params.append(f"%{term}%")
            if filters.province:
                where.append("e.province_id = %s")
                params.append(filters.province)
            if filters.year:
                where.append("e.year = %s")
                params.append(filters.year)
            if filters.field:
                where.append("e.field = %s")
                params.append(filters.field)
            return common.sql_rows(
                "SELECT e.*, u.name, p.name FROM exemplars_exemplar e"
                " JOIN units_orgunit u ON u.id = e.unit_id"
                " LEFT JOIN units_orgunit p ON p.id = e.province_id"
                f" WHERE {' AND '.join(where)} ORDER BY e.id DESC LIMIT 30",
                params,
            )

        compare(label, orm, sql, "first page of 30")

    print(f"\n## Results (N={args.repeat}, PostgreSQL)\n")
    print(common.comparison_table(results).render())
    summary = common.measure(lambda: list(selectors.unit_summary(province, year)), repeat=3)
    print(
        f"\nyearly summary per unit, {province.name} ({len(summary.result):,} units): "
        f"{fmt_ms(summary.median_ms)} ms"
    )
    if not args.keep:
        common.drop_database()
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
