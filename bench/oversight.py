"""Recommendations at national scale on PostgreSQL: 5 years × 34 provinces × 300 inspections and
supervisions × 8 recommendations (≈ 408,000 recommendations).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_o .venv/bin/python bench/oversight.py

It drops and recreates its own database (the name must contain "bench"), loads the official
units, adds villages up to ~100,000 units (bench/units.py), then generates with set-based SQL:
per province and year an inspection plan of the Department of Home Affairs with 150 inspections
and a supervision programme of the provincial Front with 150 supervisions, each of a distinct
agency of the province's communes, each with 8 recommendations to it; older years mostly done,
the current year mostly open, some overdue.

It then times, through the real selectors and each against the plain SQL doing the same work,
for a dense, a sparse and an empty unit, cold (first run on a new connection) and warm
(median): the follow-up dashboard (by issuer kind, by area, by topic, the top addressees, the
oldest open) of the country, of a province, of a commune, of a village; the addressee's inbox of
a busy commune, a quiet one and a village. EXPLAIN (ANALYZE, BUFFERS) gives the rows each read.
"""

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.common import Comparison, fmt_ms  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_o"
YEARS = 5
PER_KIND = 150  # inspections, and supervisions, per province and year
PER_SOURCE = 8  # recommendations each
PAGE = 30
TEXTS = [
    "Rút ngắn thời gian giải quyết thủ tục hành chính",
    "Công khai các khoản đóng góp của Nhân dân",
    "Gửi văn bản xin lỗi người dân khi trả kết quả chậm",
    "Tổ chức đối thoại với Nhân dân về quỹ xây dựng nông thôn mới",
    "Niêm yết đầy đủ thủ tục hành chính tại bộ phận một cửa",
    "Kiện toàn Ban Thanh tra nhân dân",
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=common.DEFAULT_REPEAT)
    parser.add_argument("--units", type=int, default=100_000, help="units in the tree")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


def load(today: dt.date, creator_id: int) -> dict:
    """Plans, programmes, inspections, supervisions and recommendations, in set-based SQL."""
    from django.contrib.contenttypes.models import ContentType

    from danvan.lib.text import fold
    from danvan.oversight.models import Inspection, Supervision

    ct_inspection = ContentType.objects.get_for_model(Inspection).pk
    ct_supervision = ContentType.objects.get_for_model(Supervision).pk
    first_year = today.year - YEARS + 1
    texts = "ARRAY[" + ",".join(f"'{t}'" for t in TEXTS) + "]"
    folded = "ARRAY[" + ",".join(f"'{fold(t)}'" for t in TEXTS) + "]"
    timings = {}
    with common.cursor() as cur:

        def run(label, sql):
            started = time.perf_counter()
            cur.execute(sql)
            timings[label] = (time.perf_counter() - started) * 1000

        run(
            "provinces",
            """CREATE UNLOGGED TABLE bench_provinces AS
               SELECT p.id, p.path,
                 (SELECT a.id FROM units_orgunit a JOIN units_unittype t ON t.id = a.unit_type_id
                   WHERE a.parent_id = p.id AND t.code = 'home_affairs' LIMIT 1) AS home_affairs,
                 (SELECT a.id FROM units_orgunit a JOIN units_unittype t ON t.id = a.unit_type_id
                   WHERE a.parent_id = p.id AND t.code = 'fatherland_front' LIMIT 1) AS front
               FROM units_orgunit p JOIN units_unittype t ON t.id = p.unit_type_id
               WHERE p.level = 'province' AND t.is_territory""",
        )
        run(
            "agencies",
            """CREATE UNLOGGED TABLE bench_agencies AS
               SELECT a.id, p.id AS province FROM units_orgunit a
               JOIN units_unittype t ON t.id = a.unit_type_id AND NOT t.is_territory
               JOIN units_orgunit c ON c.id = a.parent_id AND c.level = 'commune'
               JOIN bench_provinces p ON c.path LIKE p.path || '%'""",
        )
        run(
            "plans and programmes",
            f"""INSERT INTO oversight_inspectionplan (version, unit_id, title, title_folded, number,
                  period_start, period_end, task_assignment_id, report_to_id, report_due,
                  reported_on, note, created_by_id, created_at, updated_at)
               SELECT 1, p.home_affairs, 'Kế hoạch kiểm tra năm ' || y, 'ke hoach kiem tra nam ' || y,
                  '', make_date(y, 1, 1), make_date(y, 12, 31), NULL, NULL, NULL, NULL, '',
                  {creator_id}, now(), now()
               FROM bench_provinces p CROSS JOIN generate_series({first_year}, {today.year}) y;
               INSERT INTO oversight_supervisionprogramme (version, unit_id, kind, year, title,
                  note, created_by_id, created_at)
               SELECT 1, p.front, 'front', y, 'Chương trình giám sát năm ' || y, '', {creator_id}, now()
               FROM bench_provinces p CROSS JOIN generate_series({first_year}, {today.year}) y""",
        )
        pick = f"""SELECT a.id AS unit, p.id AS province, y,
                     row_number() OVER (PARTITION BY p.id, y ORDER BY md5(a.id::text || y::text || '%s')) AS rn
                   FROM bench_agencies a JOIN bench_provinces p ON p.id = a.province
                   CROSS JOIN generate_series({first_year}, {today.year}) y"""
        run(
            "inspections",
            f"""INSERT INTO oversight_inspection (version, plan_id, unit_id, starts_on, ends_on,
                  status, notice_number, notice_date, notice_text, self_report_due, self_report,
                  self_reported_at, self_reported_by_id, conclusion_number, conclusion_symbol,
                  conclusion_date, conclusion_text, signer_name, signer_position, recipients,
                  concluded_by_id, created_at, updated_at)
               SELECT 1, ip.id, s.unit, d.day, d.day + 5, 'concluded', s.rn || '/TB-SNV', d.day - 7,
                  '', NULL, '', NULL, NULL, s.rn::text, 'TB-SNV', d.day + 10, 'Kết luận', '', '', '',
                  NULL, now(), now()
               FROM ({pick % "i"}) s
               JOIN bench_provinces p ON p.id = s.province
               JOIN oversight_inspectionplan ip ON ip.unit_id = p.home_affairs
                 AND ip.period_start = make_date(s.y, 1, 1)
               CROSS JOIN LATERAL (SELECT LEAST(make_date(s.y, 1, 1) + ((s.rn * 2) % 330)::int,
                                                DATE '{today.isoformat()}' - 20) AS day) d
               WHERE s.rn <= {PER_KIND}""",
        )
        run(
            "supervisions",
            f"""INSERT INTO oversight_supervision (version, programme_id, subject, subject_folded,
                  topic_id, form, starts_on, ends_on, status, result_number, result_date,
                  result_text, concluded_by_id, is_published, published_on, created_at)
               SELECT 1, sp.id, 'Giám sát ' || s.rn, 'giam sat ' || s.rn, NULL, 'direct', d.day,
                  d.day + 3, 'concluded', s.rn || '/TB-MTTQ', d.day + 8, 'Kết quả', NULL,
                  s.rn % 10 = 0, NULL, now()
               FROM ({pick % "s"}) s
               JOIN bench_provinces p ON p.id = s.province
               JOIN oversight_supervisionprogramme sp ON sp.unit_id = p.front AND sp.year = s.y
               CROSS JOIN LATERAL (SELECT LEAST(make_date(s.y, 1, 1) + ((s.rn * 2) % 330)::int,
                                                DATE '{today.isoformat()}' - 20) AS day) d
               WHERE s.rn <= {PER_KIND};
               INSERT INTO oversight_supervision_units (supervision_id, orgunit_id)
               SELECT sv.id, a.unit FROM oversight_supervision sv
               JOIN oversight_supervisionprogramme sp ON sp.id = sv.programme_id
               JOIN bench_provinces p ON p.front = sp.unit_id
               JOIN ({pick % "s"}) a ON a.province = p.id AND a.y = sp.year
                 AND 'Giám sát ' || a.rn = sv.subject""",
        )
        status = f"""CASE
            WHEN s.issued < DATE '{today.isoformat()}' - 365 THEN
              CASE WHEN g.n % 20 < 17 THEN 'done' WHEN g.n % 20 = 17 THEN 'not_accepted' ELSE 'overdue' END
            WHEN s.issued < DATE '{today.isoformat()}' - 120 THEN
              CASE WHEN g.n % 10 < 6 THEN 'done' WHEN g.n % 10 = 6 THEN 'answered' ELSE 'overdue' END
            ELSE CASE WHEN g.n % 10 < 3 THEN 'done' WHEN g.n % 10 < 5 THEN 'answered'
                      WHEN s.issued + 30 + (g.n * 7) % 60 < DATE '{today.isoformat()}' THEN 'overdue'
                      ELSE 'open' END END"""
        sources = f"""
            SELECT 'oversight.inspection' AS kind, {ct_inspection} AS ct, i.id AS source,
                   ip.unit_id AS issuer, i.unit_id AS addressee, i.conclusion_date AS issued,
                   'Thông báo kết luận kiểm tra số ' || i.conclusion_number AS label
            FROM oversight_inspection i JOIN oversight_inspectionplan ip ON ip.id = i.plan_id
            UNION ALL
            SELECT 'oversight.supervision_front', {ct_supervision}, sv.id, sp.unit_id, su.orgunit_id,
                   sv.result_date, 'Thông báo kết quả giám sát số ' || sv.result_number
            FROM oversight_supervision sv
            JOIN oversight_supervisionprogramme sp ON sp.id = sv.programme_id
            JOIN oversight_supervision_units su ON su.supervision_id = sv.id"""
        run(
            "recommendations",
            f"""INSERT INTO oversight_recommendation (version, issuer_id, source_kind,
                  source_type_id, source_id, source_label, source_url, number, text,
                  required_action, topic_id, addressee_id, issued_on, due_date, status,
                  answered_at, closed_on, verified_by_id, verification_note, created_by_id,
                  created_at, updated_at, text_folded)
               SELECT 1, s.issuer, s.kind, s.ct, s.source, s.label, '', g.n,
                  ({texts})[1 + (s.source + g.n) % {len(TEXTS)}], '',
                  (SELECT id FROM oversight_topic ORDER BY id OFFSET (s.source + g.n) % 10 LIMIT 1),
                  s.addressee, s.issued, s.issued + 30 + (g.n * 7) % 60, st.status,
                  CASE WHEN st.status IN ('answered', 'done', 'not_accepted') THEN now() END,
                  CASE WHEN st.status IN ('done', 'not_accepted') THEN s.issued + 40 END,
                  NULL, '', {creator_id}, now(), now(),
                  ({folded})[1 + (s.source + g.n) % {len(TEXTS)}]
               FROM ({sources}) s
               CROSS JOIN generate_series(1, {PER_SOURCE}) g(n)
               CROSS JOIN LATERAL (SELECT {status} AS status) st""",
        )
    return timings


def rows_read(plan: list[str]) -> tuple[int, str]:
    """Rows the scans of an EXPLAIN ANALYZE returned (summed) and the top node's buffers."""
    total = 0
    for line in plan:
        if "Scan" in line:
            found = re.search(r"actual time=\S+ rows=(\d+) loops=(\d+)", line)
            if found:
                total += int(found.group(1)) * int(found.group(2))
    buffers = next((line.strip() for line in plan if "Buffers:" in line), "")
    return total, buffers.replace("Buffers: ", "")


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    common.setup(DEFAULT_URL)
    if common.vendor() != "postgresql":
        raise SystemExit("bench/oversight.py runs on PostgreSQL only.")
    from django.db import connection
    from django.utils import timezone

    from bench.units import add_villages, make_user
    from danvan.accounts.models import Role
    from danvan.oversight.models import Recommendation
    from danvan.oversight.recommendations import selectors
    from danvan.units.models import Level, OrgUnit
    from danvan.units.services import units_load_official

    today = timezone.localdate()
    print(f"# danvan oversight benchmark — {time.strftime('%Y-%m-%d %H:%M')}\n")
    migrate_ms = common.recreate_database()
    for line in common.machine_info():
        print(line)
    print(f"migrate on an empty database: {fmt_ms(migrate_ms)} ms")
    print(f"units_load_official: {fmt_ms(common.once(units_load_official).median_ms)} ms")
    added, insert_ms, paths_ms = add_villages(args.units)
    print(
        f"villages added: {added:,} ({fmt_ms(insert_ms + paths_ms)} ms); units: {OrgUnit.objects.count():,}"
    )
    nation = OrgUnit.objects.get(parent__isnull=True)
    admin = make_user("bench_admin", Role.ADMIN, nation)
    for label, ms in load(today, admin.pk).items():
        print(f"load {label}: {fmt_ms(ms)} ms")
    common.analyze()
    total = Recommendation.objects.count()
    overdue = Recommendation.objects.filter(selectors.overdue_q(today)).count()
    size = common.sql_rows(
        "SELECT pg_size_pretty(pg_total_relation_size('oversight_recommendation'))"
    )[0][0]
    print(f"recommendations: {total:,} ({size} with indexes), overdue: {overdue:,}\n")

    per_addressee = common.sql_rows(
        "SELECT r.addressee_id, count(*) FILTER (WHERE r.status IN ('open', 'overdue')) AS waiting "
        "FROM oversight_recommendation r GROUP BY r.addressee_id ORDER BY waiting DESC"
    )
    dense_unit = OrgUnit.objects.get(pk=per_addressee[0][0])
    sparse_unit = OrgUnit.objects.get(pk=next(pk for pk, w in reversed(per_addressee) if w > 0))
    dense_commune, sparse_commune = dense_unit.parent, sparse_unit.parent
    province = OrgUnit.objects.get(pk=dense_commune.ancestor_ids[-1])
    village = OrgUnit.objects.filter(
        level=Level.VILLAGE, path__startswith=sparse_commune.path
    ).first()
    officer = make_user("bench_officer", Role.BDV_OFFICER, province)
    dense_actor = make_user("bench_dense", Role.OFFICIAL, dense_commune)
    sparse_actor = make_user("bench_sparse", Role.OFFICIAL, sparse_commune)
    empty_actor = make_user("bench_empty", Role.OFFICIAL, village)
    print(
        f"dense: {dense_commune.name} (its {dense_unit.name}: {per_addressee[0][1]} waiting); "
        f"sparse: {sparse_commune.name}; empty: {village.name}; province: {province.name}\n"
    )

    today_s = today.isoformat()
    counts = (
        "count(*), count(*) FILTER (WHERE r.status IN ('open','overdue')), "
        f"count(*) FILTER (WHERE r.status = 'overdue' OR (r.status = 'open' AND r.due_date < '{today_s}')), "
        "count(*) FILTER (WHERE r.status = 'answered'), count(*) FILTER (WHERE r.status = 'done'), "
        "count(*) FILTER (WHERE r.status = 'not_accepted'), "
        "min(r.issued_on) FILTER (WHERE r.status IN ('open','overdue','answered'))"
    )

    def sql_dashboard(root):
        where = f"FROM oversight_recommendation r JOIN units_orgunit a ON a.id = r.addressee_id WHERE a.path LIKE '{root.path}%'"
        return [
            f"SELECT r.source_kind, r.topic_id, {counts} {where} GROUP BY r.source_kind, r.topic_id",
            f"SELECT r.addressee_id, a.path, {counts} {where} GROUP BY r.addressee_id, a.path",
            f"SELECT r.id, r.text, r.issued_on {where} AND r.status IN ('open','overdue','answered') ORDER BY r.issued_on, r.id LIMIT 1",
        ]

    def sql_inbox(root):
        return (
            "SELECT r.id, r.text, r.due_date, r.status, r.source_label, i.name, a.name, t.name "
            "FROM oversight_recommendation r JOIN units_orgunit a ON a.id = r.addressee_id "
            "JOIN units_orgunit i ON i.id = r.issuer_id LEFT JOIN oversight_topic t ON t.id = r.topic_id "
            f"WHERE a.path LIKE '{root.path}%' AND r.status IN ('open','overdue') "
            f"ORDER BY r.due_date, r.id LIMIT {PAGE + 1}"
        )

    def run_sql(queries):
        return lambda: [common.sql_rows(q) for q in queries]

    plan = [
        (
            "dashboard, country",
            lambda: selectors.recommendation_dashboard(admin, nation),
            sql_dashboard(nation),
        ),
        (
            "dashboard, dense province",
            lambda: selectors.recommendation_dashboard(officer, province),
            sql_dashboard(province),
        ),
        (
            "dashboard, dense commune",
            lambda: selectors.recommendation_dashboard(dense_actor, dense_commune),
            sql_dashboard(dense_commune),
        ),
        (
            "dashboard, sparse commune",
            lambda: selectors.recommendation_dashboard(sparse_actor, sparse_commune),
            sql_dashboard(sparse_commune),
        ),
        (
            "dashboard, empty village",
            lambda: selectors.recommendation_dashboard(empty_actor, village),
            sql_dashboard(village),
        ),
        (
            "inbox, dense commune",
            lambda: selectors.inbox(dense_actor, size=PAGE).items,
            [sql_inbox(dense_commune)],
        ),
        (
            "inbox, sparse commune",
            lambda: selectors.inbox(sparse_actor, size=PAGE).items,
            [sql_inbox(sparse_commune)],
        ),
        (
            "inbox, empty village",
            lambda: selectors.inbox(empty_actor, size=PAGE).items,
            [sql_inbox(village)],
        ),
    ]
    results, explains = [], []
    for label, orm, queries in plan:
        connection.close()  # cold: a new connection, nothing prepared, the grants read again
        for user in (admin, officer, dense_actor, sparse_actor, empty_actor):
            user.__dict__.pop("_grants_cache", None)
        cold_ms, result = common.timed(orm)
        cold_sql_ms, _ = common.timed(run_sql(queries))
        a, b = common.measure_pair(orm, run_sql(queries), repeat=args.repeat)
        rows = result.totals.total if hasattr(result, "totals") else len(result)
        results.append(
            Comparison(
                label,
                rows,
                a.median_ms,
                b.median_ms,
                note=f"cold {fmt_ms(cold_ms)} / SQL {fmt_ms(cold_sql_ms)}",
            )
        )
        read = 0
        buffers = []
        for query in queries:
            n, buf = rows_read(common.explain(query))
            read += n
            buffers.append(buf)
        explains.append((label, read, "; ".join(b for b in buffers if b)))
    print(
        f"## Queries (median of {args.repeat} warm runs alternating with plain SQL; cold = first run on a new connection)\n"
    )
    print(common.comparison_table(results).render())
    print("\n## EXPLAIN (ANALYZE, BUFFERS) of the plain SQL: rows read by the scans\n")
    table = common.Table(["operation", "rows read", "buffers"], align="lrl")
    for label, read, buffers in explains:
        table.add(label, f"{read:,}", buffers[:90])
    print(table.render())
    print(f"\ntotal: {fmt_ms((time.perf_counter() - started) * 1000)} ms")
    if not args.keep:
        common.drop_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
